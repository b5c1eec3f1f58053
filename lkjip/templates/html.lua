-- HTML output: every table scrolls sideways inside its own wrapper (phones, wide tables).
function Table(tbl)
  local classes = {"table-scroll"}
  if tbl.classes:includes("wide") then table.insert(classes, "wide") end
  local attrs = {{"tabindex", "0"}, {"role", "region"}}
  local label = pandoc.utils.stringify(tbl.caption.long)
  if label ~= "" then table.insert(attrs, {"aria-label", label}) end
  return pandoc.Div({tbl}, pandoc.Attr("", classes, attrs))
end
