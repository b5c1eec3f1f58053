-- Allow-list for text that reaches the public HTML (lkjip._safe_md, lkjip.render._assemble).
-- Links keep only http(s), mailto, in-page (#) and relative targets; images are never taken from
-- text (figures are inserted by lkjip itself); key=value attributes (onmouseover=, style=, ...)
-- are dropped everywhere. With metadata lkjip-prose=true (the analysts' prose) every attribute,
-- span, div and image is removed: prose is text with emphasis, lists, tables and plain links.
-- Nesting deeper than MAX_DEPTH is flattened so that the PDF engine never refuses a document.

local strict = false

local function safe_url(url)
  local u = url:gsub("[%c%s]", ""):lower()
  if u:match("^https?://") or u:match("^mailto:") or u:match("^#") then return true end
  -- relative: no scheme before the first / ? or #, and not protocol-relative
  local head = u:match("^[^/?#]*") or ""
  return not head:find(":", 1, true) and not u:match("^//") and not u:match("^\\\\")
end

local function clean_attr(el)
  if el.attr == nil then return el end
  if strict then
    el.attr = pandoc.Attr()
  else
    el.attr = pandoc.Attr(el.identifier, el.classes, {})
  end
  return el
end

local filter = {
  Link = function(el)
    if not safe_url(el.target) then return el.content end
    el.attr = pandoc.Attr()
    return el
  end,
  Image = function(el)
    return el.caption  -- the alt text, as text
  end,
  Span = function(el)
    if strict then return el.content end
    return clean_attr(el)
  end,
  Div = function(el)
    if strict then return el.content end
    return clean_attr(el)
  end,
  Header = clean_attr,
  Code = clean_attr,
  CodeBlock = clean_attr,
  Table = clean_attr,
  Figure = function(el)  -- only text makes figures here (lkjip inserts its own after this pass)
    return pandoc.Para(pandoc.utils.blocks_to_inlines(el.caption.long))
  end,
  RawInline = function(el) return pandoc.Str(el.text) end,
  RawBlock = function(el) return pandoc.Para({pandoc.Str(el.text)}) end,
}

-- Block quotes, lists and divs nested deeper than this are unwrapped (typst refuses very deep nesting).
local MAX_DEPTH = 12

local function limit(blocks, depth)
  local out = pandoc.List()
  for _, b in ipairs(blocks) do
    if b.t == "BlockQuote" or b.t == "Div" then
      if depth >= MAX_DEPTH then
        out:extend(limit(b.content, depth))
      else
        b.content = limit(b.content, depth + 1)
        out:insert(b)
      end
    elseif b.t == "BulletList" or b.t == "OrderedList" then
      if depth >= MAX_DEPTH then
        for _, item in ipairs(b.content) do out:extend(limit(item, depth)) end
      else
        local items = pandoc.List()
        for _, item in ipairs(b.content) do items:insert(limit(item, depth + 1)) end
        b.content = items
        out:insert(b)
      end
    else
      out:insert(b)
    end
  end
  return out
end

function Pandoc(doc)
  strict = doc.meta["lkjip-prose"] ~= nil
  doc = doc:walk(filter)
  doc.blocks = limit(doc.blocks, 0)
  return doc
end
