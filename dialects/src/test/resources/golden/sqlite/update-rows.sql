-- UPDATE base rows
UPDATE "Order ""Lines"" ü" AS b SET "select" = v.column3, "doc" = v.column4, "it's" = v.column5 FROM (VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)) AS v WHERE b."order id" = v.column1 AND b."line" = v.column2;

-- UPDATE tracking rows
UPDATE "syncwright_tr_Order ""Lines"" ü" AS b SET "sw_tick" = v.column3, "sw_dv" = v.column4, sw_at = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) FROM (VALUES (?, ?, ?, ?), (?, ?, ?, ?)) AS v WHERE b."order id" = v.column1 AND b."line" = v.column2;

-- UPDATE base rows with an inet column
UPDATE "Order ""Lines"" ü" AS b SET "addr" = v.column3 FROM (VALUES (?, ?, ?)) AS v WHERE b."order id" = v.column1 AND b."line" = v.column2;
