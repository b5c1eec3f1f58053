-- HTML output: one h1 (the cover title, in the template), so every heading of the report moves one
-- level down (chapters h2, sections h3); a paragraph that is only bold text ("Sasaran Strategis 1")
-- is a heading one level below the section it is in. Every table scrolls inside its own wrapper
-- (phones, wide tables) with a visible cue for those a phone cannot show whole, and the lists of tables and figures
-- (Daftar Tabel, Daftar Gambar) are placed before the first chapter.
local function wrap(tbl)
  local classes = {"table-scroll"}
  local wide = tbl.classes:includes("wide")
  if wide then table.insert(classes, "wide") end
  local attrs = {{"tabindex", "0"}, {"role", "region"}}
  local label = pandoc.utils.stringify(tbl.caption.long)
  if label ~= "" then table.insert(attrs, {"aria-label", label}) end
  local out = {}
  if wide or #tbl.colspecs >= 4 then  -- too wide for a phone: say that it scrolls (shown on small screens)
    table.insert(out, pandoc.Div({pandoc.Plain({pandoc.Str("Geser tabel ke samping →")})},
                                 pandoc.Attr("", #tbl.colspecs >= 9 and {"geser", "lebar"} or {"geser"},
                                           {{"aria-hidden", "true"}})))
  end
  table.insert(out, pandoc.Div({tbl}, pandoc.Attr("", classes, attrs)))
  return out
end

local function entry(id, caption)
  local text = pandoc.utils.stringify(caption)
  if id == "" or text == "" then return nil end
  return {pandoc.Plain({pandoc.Link(text, "#" .. id)})}
end

local function list_section(title, id, items, empty)
  local body = #items > 0 and pandoc.BulletList(items) or pandoc.Para({pandoc.Str(empty)})
  return {pandoc.Header(2, title, pandoc.Attr(id, {"unnumbered", "front", "lists"})),
          pandoc.Div({body}, pandoc.Attr("", {"lists"}))}
end

-- a paragraph made of one bold run (and nothing else) reads as a heading
local function bold_only(block)
  if block.t ~= "Para" then return nil end
  local strong = nil
  for _, inline in ipairs(block.content) do
    if inline.t == "Strong" and strong == nil then
      strong = inline
    elseif inline.t ~= "Space" and inline.t ~= "SoftBreak" then
      return nil
    end
  end
  return strong
end

-- a table without a caption takes the one its div names: ::: {.provenance caption="..."}
function Div(div)
  local caption = div.attributes["caption"]
  if not caption then return nil end
  div.attributes["caption"] = nil
  return div:walk({
    Table = function(tbl)
      if pandoc.utils.stringify(tbl.caption.long) == "" then
        tbl.caption.long = {pandoc.Plain({pandoc.Str(caption)})}
      end
      return tbl
    end,
  })
end

function Pandoc(doc)
  local tables, figures = {}, {}
  doc = doc:walk({
    Header = function(h)
      h.level = math.min(h.level + 1, 6)
      return h
    end,
    Table = function(tbl)
      table.insert(tables, entry(tbl.identifier, tbl.caption.long))
      return wrap(tbl)
    end,
    Figure = function(fig)
      table.insert(figures, entry(fig.identifier, fig.caption.long))
    end,
  })
  local out, placed, level, n = {}, false, 1, 0
  for _, block in ipairs(doc.blocks) do
    if not placed and block.t == "Header" and block.level == 2 and not block.classes:includes("front") then
      for _, b in ipairs(list_section("DAFTAR TABEL", "daftar-tabel", tables, "Tidak ada tabel.")) do
        table.insert(out, b)
      end
      for _, b in ipairs(list_section("DAFTAR GAMBAR", "daftar-gambar", figures, "Tidak ada gambar.")) do
        table.insert(out, b)
      end
      placed = true
    end
    local strong = bold_only(block)
    if block.t == "Header" then
      level = block.level
    elseif strong and level >= 2 then
      n = n + 1
      block = pandoc.Header(math.min(level + 1, 6), strong.content,
                            pandoc.Attr("subjudul-" .. n, {"unnumbered", "subjudul"}))
    end
    table.insert(out, block)
  end
  doc.blocks = out
  return doc
end
