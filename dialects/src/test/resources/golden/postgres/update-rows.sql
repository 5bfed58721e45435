-- UPDATE base rows
UPDATE "public"."Order ""Lines"" ü" AS b SET "select" = v.s1, "doc" = v.s2, "it's" = v.s3 FROM (VALUES (CAST(? AS int4), CAST(? AS int4), CAST(? AS text), CAST(? AS json), CAST(? AS numeric)), (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)) AS v(k1, k2, s1, s2, s3) WHERE b."order id" = v.k1 AND b."line" = v.k2;

-- UPDATE tracking rows
UPDATE "syncwright"."public.Order ""Lines"" ü" AS b SET "sw_tick" = v.s1, "sw_dv" = v.s2, sw_at = now() FROM (VALUES (CAST(? AS int4), CAST(? AS int4), CAST(? AS int8), CAST(? AS int8)), (?, ?, ?, ?)) AS v(k1, k2, s1, s2) WHERE b."order id" = v.k1 AND b."line" = v.k2;

-- UPDATE base rows with an inet column
-- one UPDATE per row;
