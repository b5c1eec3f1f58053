-- Unwrap the .lkjip-md divs that isolate each Markdown output of a chapter notebook.
function Div(div)
  if div.classes:includes("lkjip-md") then
    return div.content
  end
end
