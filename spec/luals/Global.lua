-- The standalone addon's global: typed where the standalone's annotations are read, undefined
-- where only an embedded copy's are.
AsyncAwait.sleep("soon")                 -- expect: param-type-mismatch (standalone), param-type-mismatch (addons), undefined-global (embedded)
