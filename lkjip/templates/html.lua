-- HTML output: every table scrolls sideways inside its own wrapper (phones, wide tables), and the
-- lists of tables and figures (Daftar Tabel, Daftar Gambar) are placed before the first chapter.
local function wrap(tbl)
  local classes = {"table-scroll"}
  if tbl.classes:includes("wide") then table.insert(classes, "wide") end
  local attrs = {{"tabindex", "0"}, {"role", "region"}}
  local label = pandoc.utils.stringify(tbl.caption.long)
  if label ~= "" then table.insert(attrs, {"aria-label", label}) end
  return pandoc.Div({tbl}, pandoc.Attr("", classes, attrs))
end

local function entry(id, caption)
  local text = pandoc.utils.stringify(caption)
  if id == "" or text == "" then return nil end
  return {pandoc.Plain({pandoc.Link(text, "#" .. id)})}
end

local function list_section(title, id, items, empty)
  local body = #items > 0 and pandoc.BulletList(items) or pandoc.Para({pandoc.Str(empty)})
  return {pandoc.Header(1, title, pandoc.Attr(id, {"unnumbered", "front", "lists"})),
          pandoc.Div({body}, pandoc.Attr("", {"lists"}))}
end

function Pandoc(doc)
  local tables, figures = {}, {}
  doc = doc:walk({
    Table = function(tbl)
      table.insert(tables, entry(tbl.identifier, tbl.caption.long))
      return wrap(tbl)
    end,
    Figure = function(fig)
      table.insert(figures, entry(fig.identifier, fig.caption.long))
    end,
  })
  local out, placed = {}, false
  for _, block in ipairs(doc.blocks) do
    if not placed and block.t == "Header" and block.level == 1 and not block.classes:includes("front") then
      for _, b in ipairs(list_section("DAFTAR TABEL", "daftar-tabel", tables, "Tidak ada tabel.")) do
        table.insert(out, b)
      end
      for _, b in ipairs(list_section("DAFTAR GAMBAR", "daftar-gambar", figures, "Tidak ada gambar.")) do
        table.insert(out, b)
      end
      placed = true
    end
    table.insert(out, block)
  end
  doc.blocks = out
  return doc
end
