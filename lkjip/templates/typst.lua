-- PDF (typst) output of the LKjIP: table styling, landscape pages for wide tables/figures,
-- signature blocks, and the switch from front matter (roman pages) to main matter (arabic).

local function typst_of(blocks)
  local text = pandoc.write(pandoc.Pandoc(blocks), "typst")
  return (text:gsub("%s+$", ""))
end

local function landscape(block)
  return {pandoc.RawBlock("typst", "#page(flipped: true)["), block, pandoc.RawBlock("typst", "]")}
end

function Table(tbl)
  for _, row in ipairs(tbl.head.rows) do
    for _, cell in ipairs(row.cells) do
      cell.attributes["typst:fill"] = "luma(225)"
    end
  end
  if tbl.classes:includes("wide") then
    return landscape(tbl)
  end
  return tbl
end

-- Text width of an A4 page with the template's margins: portrait and landscape (cm).
local TEXT_WIDTH = {portrait = 16.0, landscape = 24.7}

local function fit_images(fig, limit)
  return pandoc.walk_block(fig, {Image = function(img)
    local width = tonumber(img.attributes["width-cm"])
    img.attributes["width-cm"] = nil
    if width then
      img.attributes["width"] = string.format("%.2fcm", math.min(width, limit))
    else
      img.attributes["width"] = "100%"
    end
    return img
  end})
end

function Figure(fig)
  if fig.classes:includes("wide") then
    return landscape(fit_images(fig, TEXT_WIDTH.landscape))
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

function Pandoc(doc)
  local out = {}
  local main = false
  local function start_main()
    table.insert(out, pandoc.RawBlock("typst",
      "#lkjip-lists()\n#set page(numbering: \"1\")\n#counter(page).update(1)"))
    main = true
  end
  for _, block in ipairs(doc.blocks) do
    if not main and block.t == "Header" and block.level == 1 and not block.classes:includes("front") then
      start_main()
    end
    table.insert(out, block)
  end
  if not main then start_main() end
  doc.blocks = out
  return doc
end
