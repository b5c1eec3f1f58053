-- PDF (typst) output of the LKjIP: table styling, landscape pages for wide tables/figures (grouped),
-- short tables kept on one page, images with their alt text, the provenance colophon,
-- signature blocks, and the switch from front matter (roman pages) to main matter (arabic).

local function typst_of(blocks)
  local text = pandoc.write(pandoc.Pandoc(blocks), "typst")
  return (text:gsub("%s+$", ""))
end

-- Tables of at most this many body rows are never split across pages.
local SHORT_TABLE_ROWS = 15
-- Text (characters) between two wide blocks that is taken into one landscape group with them,
-- and the text before/after a group (up to the nearest heading) that moves with it.
local MERGE_CHARS = 3200
local LEAD_CHARS = 700
local TRAIL_CHARS = 2500  -- set in two columns on the landscape page

-- Marks for the grouping in Pandoc(): a wide block (landscape) or a short table (kept whole).
local function mark(block, kind)
  return pandoc.Div({block}, pandoc.Attr("", {"lkjip-" .. kind}))
end

local function body_rows(tbl)
  local n = 0
  for _, body in ipairs(tbl.bodies) do
    n = n + #body.head + #body.body
  end
  return n
end

-- A first-column cell left empty under a filled one (a kegiatan listed once above its
-- sub-kegiatan) becomes part of the cell above, spanning the rows instead of repeating empty
-- bordered cells; at most this many rows, so that the spanned rows still fit a page.
local MAX_ROW_SPAN = 10

local function span_first_column(rows)
  local anchor = nil
  for _, row in ipairs(rows) do
    local first = row.cells[1]
    local empty = first and first.col_span == 1 and pandoc.utils.stringify(first.contents) == ""
    if first == nil or first.col_span > 1 or first.row_span > 1 then
      anchor = nil
    elseif empty and anchor and anchor.row_span < MAX_ROW_SPAN then
      anchor.row_span = anchor.row_span + 1
      row.cells:remove(1)
    elseif empty then
      anchor = nil
    else
      anchor = first
    end
  end
end

function Table(tbl)
  for _, row in ipairs(tbl.head.rows) do
    for _, cell in ipairs(row.cells) do
      cell.attributes["typst:fill"] = "luma(225)"
    end
  end
  for _, body in ipairs(tbl.bodies) do
    span_first_column(body.body)
    for _, row in ipairs(body.body) do  -- a group's label row (a program, a sasaran): left, shaded
      local first = row.cells[1]
      if first and #row.cells == 1 and first.col_span == #tbl.colspecs and #tbl.colspecs > 1 then
        first.alignment = "AlignLeft"
        first.attributes["typst:fill"] = "luma(242)"
      end
    end
  end
  local block = tbl
  if body_rows(tbl) <= SHORT_TABLE_ROWS then
    block = mark(block, "keep")
  end
  if tbl.classes:includes("wide") then
    return mark(block, "wide")
  end
  return block
end

-- Text width of an A4 page with the template's margins: portrait and landscape (cm).
local TEXT_WIDTH = {portrait = 16.0, landscape = 24.7}

-- A typst string literal.
local function tstr(text)
  return '"' .. text:gsub("\\", "\\\\"):gsub('"', '\\"'):gsub("%s+", " ") .. '"'
end

-- Images become typst code with their alt text (the PDF/UA-1 alternate description); pandoc's
-- typst writer drops it.
local function fit_images(fig, limit)
  return pandoc.walk_block(fig, {Image = function(img)
    local width = tonumber(img.attributes["width-cm"])
    local size = width and string.format("%.2fcm", math.min(width, limit)) or "100%"
    local alt = pandoc.utils.stringify(img.caption)
    if alt == "" then alt = img.title or "" end
    return pandoc.RawInline("typst", string.format("#image(%s, width: %s, alt: %s)", tstr(img.src), size,
      tstr(alt)))
  end})
end

-- A document of its own in the Lampiran (the decree, the Perjanjian Kinerja) starts a new page.
function Header(h)
  if h.classes:includes("halaman-baru") then
    return {pandoc.RawBlock("typst", "#pagebreak(weak: true)"), h}
  end
end

function Figure(fig)
  if fig.classes:includes("wide") then
    return mark(fit_images(fig, TEXT_WIDTH.landscape), "wide")
  end
  return fit_images(fig, TEXT_WIDTH.portrait)
end

local function party(div)
  local fields = {}
  for _, child in ipairs(div.content) do
    if child.t == "Div" then
      fields[child.classes[1]] = typst_of(child.content)
    end
  end
  return string.format("(place: [%s], role: [%s], name: [%s])",
    fields["sig-place"] or "", fields["sig-role"] or "", fields["sig-name"] or "")
end

function Div(div)
  if div.classes:includes("unduh") then
    return {}  -- download links of the HTML only
  end
  if div.classes:includes("tengah") then
    local out = {pandoc.RawBlock("typst", "#align(center)[")}
    for _, b in ipairs(div.content) do table.insert(out, b) end
    table.insert(out, pandoc.RawBlock("typst", "]"))
    return out
  end
  if div.classes:includes("kolofon") then
    -- the provenance record: a colophon after the Lampiran, outside the official chapters
    local out = {pandoc.RawBlock("typst", "#lkjip-colophon[")}
    -- its table is no table of the report: no caption, so it stays out of the Daftar Tabel
    local content = pandoc.Blocks(div.content):walk({Table = function(tbl)
      tbl.caption = pandoc.Caption()
      return tbl
    end})
    for _, b in ipairs(content) do table.insert(out, b) end
    table.insert(out, pandoc.RawBlock("typst", "]"))
    return out
  end
  if div.classes:includes("signature") then
    local parties = {}
    for _, child in ipairs(div.content) do
      if child.t == "Div" and child.classes:includes("party") then
        table.insert(parties, party(child))
      end
    end
    return pandoc.RawBlock("typst", "#lkjip-signature(" .. table.concat(parties, ", ") .. ")")
  end
end

local function kind_of(block)
  if block.t == "Div" then
    if block.classes:includes("lkjip-wide") then return "wide" end
    if block.classes:includes("lkjip-keep") then return "keep" end
  end
  return nil
end

-- A marked block as typst: a short table inside a block that does not break.
local function unmark(block)
  local kind = kind_of(block)
  if kind == nil then return {block} end
  local out = {}
  local inner = {}
  for _, b in ipairs(block.content) do
    for _, x in ipairs(unmark(b)) do table.insert(inner, x) end
  end
  if kind == "keep" then table.insert(out, pandoc.RawBlock("typst", "#lkjip-keep[")) end
  for _, b in ipairs(inner) do table.insert(out, b) end
  if kind == "keep" then table.insert(out, pandoc.RawBlock("typst", "]")) end
  return out
end

local function chars(block)
  return #pandoc.utils.stringify(block)
end

local function is_chapter(block)
  return block.t == "Header" and block.level == 1
end

-- Landscape groups: runs of wide blocks with little text between them, extended backwards over
-- the heading and short introduction that lead to them and forwards over a short remark, so that
-- no portrait page is left holding a stranded heading or a sentence between two landscape pages.
local function landscape_groups(blocks)
  local groups = {}
  for i, b in ipairs(blocks) do
    if kind_of(b) == "wide" then
      local last = groups[#groups]
      local merge = false
      if last then
        local between = 0
        merge = true
        for j = last[2] + 1, i - 1 do
          if is_chapter(blocks[j]) then merge = false end
          between = between + chars(blocks[j])
        end
        merge = merge and between <= MERGE_CHARS
      end
      if merge then last[2] = i else table.insert(groups, {i, i}) end
    end
  end
  for g, grp in ipairs(groups) do
    local floor = g > 1 and groups[g - 1][2] or 0
    local k, lead = grp[1], 0
    while k - 1 > floor do
      local b = blocks[k - 1]
      if is_chapter(b) or kind_of(b) then break end
      if b.t == "Header" then
        k = k - 1  -- the heading moves with its table; so do headings right above it
      else
        if blocks[k].t == "Header" then break end
        lead = lead + chars(b)
        if lead > LEAD_CHARS then break end
        k = k - 1
      end
    end
    -- paragraphs pulled without a heading above them stay in portrait
    if blocks[k].t ~= "Header" then k = grp[1] end
    grp[1] = k
    local ceiling = g < #groups and groups[g + 1][1] or #blocks + 1
    local e, trail = grp[2], 0
    while e + 1 < ceiling do
      local b = blocks[e + 1]
      if b.t == "Header" or kind_of(b) or (b.t == "RawBlock" and b.text:match("^#lkjip%-colophon")) then break end
      trail = trail + chars(b)
      if trail > TRAIL_CHARS then break end
      e = e + 1
    end
    -- a short remark moves along only when a heading (or the end) follows it
    local nxt = blocks[e + 1]
    if e > grp[2] and nxt and nxt.t ~= "Header" then e = grp[2] end
    grp[3] = grp[2]  -- the last wide block; prose after it is set in two columns
    grp[2] = e
  end
  return groups
end

-- PDF/UA-1 forbids skipped heading levels (a prose "####" right under a chapter): a heading is never
-- more than one level below the one before it, in document order.
local function even_levels(doc)
  local last = 0
  return doc:walk({Header = function(h)
    if h.level > last + 1 then h.level = last + 1 end
    last = h.level
    return h
  end})
end

function Pandoc(doc)
  doc = even_levels(doc)
  local blocks = {}
  local main = false
  local function start_main()
    table.insert(blocks, pandoc.RawBlock("typst",
      "#lkjip-lists()\n#set page(numbering: \"1\")\n#counter(page).update(1)"))
    main = true
  end
  for _, block in ipairs(doc.blocks) do
    if not main and block.t == "Header" and block.level == 1 and not block.classes:includes("front") then
      start_main()
    end
    table.insert(blocks, block)
  end
  if not main then start_main() end
  local groups = landscape_groups(blocks)
  local out = {}
  local g = 1
  for i, block in ipairs(blocks) do
    local grp = groups[g]
    if grp and i == grp[1] then
      table.insert(out, pandoc.RawBlock("typst", "#lkjip-landscape["))
    end
    local trailing = grp and grp[2] > grp[3]
    if trailing and i == grp[3] + 1 then
      table.insert(out, pandoc.RawBlock("typst", "#columns(2, gutter: 1cm)["))
    end
    for _, b in ipairs(unmark(block)) do table.insert(out, b) end
    if grp and i == grp[2] then
      if trailing then table.insert(out, pandoc.RawBlock("typst", "]")) end
      table.insert(out, pandoc.RawBlock("typst", "]"))
      g = g + 1
    end
  end
  doc.blocks = out
  return doc
end
