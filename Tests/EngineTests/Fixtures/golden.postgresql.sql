-- case: filter_select
SELECT "orders"."id", "orders"."amount"
FROM "orders"
WHERE "orders"."amount" > $1
ORDER BY "orders"."id" ASC;
-- parameters: 100
-- columns: id integer, amount real

-- case: join_group_agg
SELECT "customers"."country", sum("orders"."amount") AS "total", count(*) AS "n"
FROM "orders"
JOIN "customers" ON "orders"."customer_id" = "customers"."id"
GROUP BY "customers"."country"
ORDER BY "customers"."country" ASC;
-- parameters: 
-- columns: country text, total real, n integer

-- case: window_row_number_lag
SELECT "orders"."id", "orders"."customer_id", row_number() OVER (PARTITION BY "orders"."customer_id" ORDER BY "orders"."ordered_at" ASC, "orders"."id" ASC) AS "rn", lag("orders"."amount", CAST($1 AS INTEGER)) OVER (PARTITION BY "orders"."customer_id" ORDER BY "orders"."ordered_at" ASC, "orders"."id" ASC) AS "previous"
FROM "orders"
ORDER BY "orders"."id" ASC;
-- parameters: 1
-- columns: id integer, customer_id integer, rn integer, previous real

-- case: cte
WITH "paid" AS (
  SELECT *
  FROM "orders"
  WHERE "orders"."status" = $1
)
SELECT "paid"."customer_id", sum("paid"."amount") AS "total"
FROM "paid"
GROUP BY "paid"."customer_id"
ORDER BY "paid"."customer_id" ASC;
-- parameters: 'paid'
-- columns: customer_id integer, total real

-- case: case_when
SELECT "orders"."id", CASE WHEN "orders"."amount" > $1 THEN $2 WHEN "orders"."amount" > $3 THEN $4 ELSE $5 END AS "size"
FROM "orders"
ORDER BY "orders"."id" ASC;
-- parameters: 1000, 'large', 100, 'medium', 'small'
-- columns: id integer, size text

-- case: order_limit
SELECT *
FROM "orders"
ORDER BY "orders"."amount" DESC, "orders"."id" ASC
LIMIT $1;
-- parameters: 5
-- columns: id integer, customer_id integer, status text, amount real, ordered_at timestamp

-- case: five_way_join
SELECT "orders"."id", "products"."name" AS "product", "customers"."name" AS "customer"
FROM "order_items"
JOIN "orders" ON "order_items"."order_id" = "orders"."id"
JOIN "products" ON "order_items"."product_id" = "products"."id"
JOIN "customers" ON "orders"."customer_id" = "customers"."id"
JOIN "customers" AS "referrer" ON "referrer"."id" = "customers"."id"
ORDER BY "orders"."id" ASC, "products"."name" ASC
LIMIT $1;
-- parameters: 10
-- columns: id integer, product text, customer text

-- case: thirty_step_chain
SELECT "orders"."id", "orders"."customer_id", "orders"."status", "orders"."amount", "orders"."ordered_at"
FROM "orders"
WHERE "orders"."amount" > $1 AND "orders"."amount" + $2 > $3 AND "orders"."amount" + $4 > $3 AND "orders"."amount" + $5 > $3 AND "orders"."amount" + $6 > $3 AND "orders"."amount" + $7 > $3 AND "orders"."amount" + $8 > $3 AND "orders"."amount" + $9 > $3
ORDER BY "orders"."id" ASC
LIMIT $8;
-- parameters: 10, 0, 5, 4, 8, 12, 16, 20, 24
-- columns: id integer, customer_id integer, status text, amount real, ordered_at timestamp

-- case: where_after_limit
SELECT *
FROM (
  SELECT *
  FROM "orders"
  ORDER BY "orders"."id" ASC
  LIMIT $1
) AS "t1"
WHERE "t1"."amount" > $2
ORDER BY "t1"."id" ASC;
-- parameters: 10, 100
-- columns: id integer, customer_id integer, status text, amount real, ordered_at timestamp

-- case: where_after_agg
SELECT "orders"."status", sum("orders"."amount") AS "total"
FROM "orders"
GROUP BY "orders"."status"
HAVING sum("orders"."amount") > $1
ORDER BY "orders"."status" ASC;
-- parameters: 1000
-- columns: status text, total real

-- case: where_on_window
SELECT "t1"."customer_id", "t1"."id", "t1"."amount"
FROM (
  SELECT "orders"."id", "orders"."customer_id", "orders"."status", "orders"."amount", "orders"."ordered_at", row_number() OVER (PARTITION BY "orders"."customer_id" ORDER BY "orders"."amount" DESC, "orders"."id" ASC) AS "rn"
  FROM "orders"
) AS "t1"
WHERE "t1"."rn" = $1
ORDER BY "t1"."customer_id" ASC;
-- parameters: 1
-- columns: customer_id integer, id integer, amount real

-- case: with_column_renamed_after_with_column
SELECT "products"."id", "products"."price" * $1 AS "dp"
FROM "products"
ORDER BY "products"."id" ASC
LIMIT $2;
-- parameters: 2, 3
-- columns: id integer, dp real

-- case: offset
SELECT *
FROM "orders"
ORDER BY "orders"."id" ASC
LIMIT $1
OFFSET $2;
-- parameters: 5, 10
-- columns: id integer, customer_id integer, status text, amount real, ordered_at timestamp

-- case: offset_after_limit
SELECT *
FROM "orders"
ORDER BY "orders"."id" ASC
LIMIT $1
OFFSET $2;
-- parameters: 2, 10
-- columns: id integer, customer_id integer, status text, amount real, ordered_at timestamp

-- case: desc_in_over
SELECT "orders"."id", sum("orders"."amount") OVER (ORDER BY "orders"."ordered_at" DESC, "orders"."id" DESC) AS "running"
FROM "orders"
ORDER BY "orders"."id" ASC
LIMIT $1;
-- parameters: 5
-- columns: id integer, running real

-- case: window_object
SELECT "orders"."id", CAST(avg("orders"."amount") OVER (PARTITION BY "orders"."customer_id" ORDER BY "orders"."amount" DESC, "orders"."id" ASC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS DOUBLE PRECISION) AS "avg_so_far"
FROM "orders"
ORDER BY "orders"."id" ASC
LIMIT $1;
-- parameters: 5
-- columns: id integer, avg_so_far real

-- case: when_without_otherwise
SELECT "orders"."id", CASE WHEN "orders"."status" = $1 THEN $2 END AS "paid"
FROM "orders"
ORDER BY "orders"."id" ASC
LIMIT $3;
-- parameters: 'paid', 1, 5
-- columns: id integer, paid integer

-- case: reflected_operators
SELECT "products"."id", $1 - "products"."stock" AS "missing", $2 * "products"."price" AS "double", CAST($3 AS DOUBLE PRECISION) / nullif("products"."stock", 0) AS "inverse"
FROM "products"
ORDER BY "products"."id" ASC;
-- parameters: 100, 2, 1
-- columns: id integer, missing integer, double real, inverse real

-- case: aliases_kept
SELECT "customers"."id" % $1 AS "parity", -"customers"."id" AS "negative", "customers"."email" IS NULL AS "no_email", strpos("customers"."name", CAST($2 AS TEXT)) > 0 AS "has_a", "customers"."id"
FROM "customers"
ORDER BY "customers"."id" ASC;
-- parameters: 2, 'a'
-- columns: parity integer, negative integer, no_email boolean, has_a boolean, id integer

-- case: frame_column_in_select
SELECT "customers"."name", "customers"."country"
FROM "customers"
ORDER BY "customers"."name" ASC, "customers"."country" ASC;
-- parameters: 
-- columns: name text, country text

-- case: aggregate_in_scalar
SELECT "orders"."status", CAST(round(CAST(CAST(avg("orders"."amount") AS DOUBLE PRECISION) AS NUMERIC), CAST($1 AS INTEGER)) AS DOUBLE PRECISION) AS "average"
FROM "orders"
GROUP BY "orders"."status"
ORDER BY "orders"."status" ASC;
-- parameters: 2
-- columns: status text, average real

-- case: join_on_list
SELECT "t1"."order_id", "t1"."customer_id", "t2"."product_id", "t2"."quantity"
FROM (
  SELECT "orders"."id" AS "order_id", "orders"."customer_id"
  FROM "orders"
) AS "t1"
JOIN (
  SELECT "order_items"."order_id", "order_items"."product_id", "order_items"."quantity"
  FROM "order_items"
) AS "t2" ON "t1"."order_id" = "t2"."order_id"
ORDER BY "t1"."order_id" ASC, "t2"."product_id" ASC
LIMIT $1;
-- parameters: 10
-- columns: order_id integer, customer_id integer, product_id integer, quantity integer

-- case: join_on_pairs
SELECT "orders"."id", "customers"."name"
FROM "orders"
LEFT JOIN "customers" ON "orders"."customer_id" = "customers"."id"
ORDER BY "orders"."id" ASC
LIMIT $1;
-- parameters: 10
-- columns: id integer, name text

-- case: self_join_aliases
SELECT "a"."id" AS "first", "b"."id" AS "second"
FROM "orders" AS "a"
JOIN "orders" AS "b" ON "a"."customer_id" = "b"."customer_id" AND "a"."id" < "b"."id"
ORDER BY "a"."id" ASC, "b"."id" ASC
LIMIT $1;
-- parameters: 10
-- columns: first integer, second integer

-- case: self_join_distinct_names
SELECT count(*) AS "pairs"
FROM "orders"
JOIN "orders" AS "orders_2" ON "orders"."customer_id" = "orders_2"."customer_id";
-- parameters: 
-- columns: pairs integer

-- case: correlated_exists
SELECT "customers"."id"
FROM "customers"
WHERE EXISTS (
  SELECT *
  FROM "orders"
  WHERE "orders"."customer_id" = "customers"."id" AND "orders"."amount" > $1
)
ORDER BY "customers"."id" ASC;
-- parameters: 1500
-- columns: id integer

-- case: correlated_not_exists
SELECT "customers"."id"
FROM "customers"
WHERE NOT EXISTS (
  SELECT *
  FROM "orders"
  WHERE "orders"."customer_id" = "customers"."id"
)
ORDER BY "customers"."id" ASC;
-- parameters: 
-- columns: id integer

-- case: isin_subquery
SELECT "customers"."id"
FROM "customers"
WHERE "customers"."id" IN (
  SELECT "orders"."customer_id"
  FROM "orders"
  WHERE "orders"."amount" > $1
)
ORDER BY "customers"."id" ASC;
-- parameters: 1500
-- columns: id integer

-- case: isin_list
SELECT "orders"."id"
FROM "orders"
WHERE "orders"."status" IN ($1, $2)
ORDER BY "orders"."id" ASC;
-- parameters: 'paid', 'shipped'
-- columns: id integer

-- case: isin_empty
SELECT "orders"."id"
FROM "orders"
WHERE FALSE;
-- parameters: 
-- columns: id integer

-- case: recursive_cte
WITH RECURSIVE "nums" ("n") AS (
  SELECT "t1"."n"
  FROM (
    SELECT $1 AS "n"
  ) AS "t1"
  UNION ALL
  SELECT "nums"."n" + $1 AS "n"
  FROM "nums"
  WHERE "nums"."n" < $2
)
SELECT *
FROM "nums"
ORDER BY "nums"."n" ASC NULLS FIRST;
-- parameters: 1, 10
-- columns: n integer

-- case: binding_used_twice
WITH "big" AS (
  SELECT *
  FROM "orders"
  WHERE "orders"."amount" > $1
)
SELECT *
FROM (
  SELECT "big"."id"
  FROM "big"
  UNION
  SELECT "big"."customer_id"
  FROM "big"
) AS "t1"
ORDER BY "t1"."id" ASC;
-- parameters: 1000
-- columns: id integer

-- case: binding_used_once
SELECT "orders"."id"
FROM "orders"
WHERE "orders"."amount" > $1
ORDER BY "orders"."id" ASC;
-- parameters: 1000
-- columns: id integer

-- case: scalar_subquery
SELECT "products"."id"
FROM "products"
WHERE "products"."price" > (
  SELECT CAST(avg("products"."price") AS DOUBLE PRECISION) AS "avg(price)"
  FROM "products"
)
ORDER BY "products"."id" ASC;
-- parameters: 
-- columns: id integer

-- case: set_operations
SELECT *
FROM (
  SELECT "t1"."customer_id"
  FROM (
    SELECT "orders"."customer_id"
    FROM "orders"
    INTERSECT
    SELECT "customers"."id"
    FROM "customers"
  ) AS "t1"
  EXCEPT
  SELECT "customers"."id"
  FROM "customers"
  WHERE "customers"."country" = $1
) AS "t2"
ORDER BY "t2"."customer_id" ASC;
-- parameters: 'US'
-- columns: customer_id integer

-- case: union_all_limit
SELECT count(*) AS "count"
FROM (
  SELECT *
  FROM (
    SELECT "orders"."status"
    FROM "orders"
    UNION ALL
    SELECT "customers"."country"
    FROM "customers"
  ) AS "t1"
  LIMIT $1
) AS "t2";
-- parameters: 3
-- columns: count integer

-- case: distinct
SELECT DISTINCT "orders"."status"
FROM "orders"
ORDER BY "orders"."status" ASC;
-- parameters: 
-- columns: status text

-- case: drop_duplicates_subset
SELECT "t1"."customer_id"
FROM (
  SELECT "orders"."id", "orders"."customer_id", "orders"."status", "orders"."amount", "orders"."ordered_at", row_number() OVER (PARTITION BY "orders"."customer_id" ORDER BY "orders"."customer_id" ASC) AS "__moltres_row"
  FROM "orders"
) AS "t1"
WHERE "t1"."__moltres_row" = $1
ORDER BY "t1"."customer_id" ASC;
-- parameters: 1
-- columns: customer_id integer

-- case: group_by_expression
SELECT CAST(EXTRACT(MONTH FROM CAST("orders"."ordered_at" AS TIMESTAMP)) AS INTEGER) AS "month", count(*) AS "n"
FROM "orders"
GROUP BY CAST(EXTRACT(MONTH FROM CAST("orders"."ordered_at" AS TIMESTAMP)) AS INTEGER)
ORDER BY CAST(EXTRACT(MONTH FROM CAST("orders"."ordered_at" AS TIMESTAMP)) AS INTEGER) ASC NULLS FIRST;
-- parameters: 
-- columns: month integer, n integer

-- case: conditional_aggregate
SELECT "orders"."customer_id", sum(CASE WHEN "orders"."status" = $1 THEN "orders"."amount" END) AS "paid", count(CASE WHEN "orders"."status" = $2 THEN $3 END) AS "cancelled"
FROM "orders"
GROUP BY "orders"."customer_id"
ORDER BY "orders"."customer_id" ASC
LIMIT $4;
-- parameters: 'paid', 'cancelled', 1, 5
-- columns: customer_id integer, paid real, cancelled integer

-- case: pivot
SELECT "orders"."customer_id", sum(CASE WHEN "orders"."status" = $1 THEN "orders"."amount" END) AS "paid", sum(CASE WHEN "orders"."status" = $2 THEN "orders"."amount" END) AS "shipped"
FROM "orders"
GROUP BY "orders"."customer_id"
ORDER BY "orders"."customer_id" ASC
LIMIT $3;
-- parameters: 'paid', 'shipped', 5
-- columns: customer_id integer, paid real, shipped real

-- case: concat_types
SELECT "products"."id", "products"."name" || CAST($1 AS TEXT) || CAST("products"."price" AS TEXT) || CAST($1 AS TEXT) || CAST("products"."stock" * $2 AS TEXT) || CAST($1 AS TEXT) || CAST("products"."price" > $3 AS TEXT) || CAST($1 AS TEXT) || ("products"."stock" + $4) || CAST($1 AS TEXT) || (-"products"."stock") AS "joined"
FROM "products"
WHERE "products"."id" < $5
ORDER BY "products"."id" ASC;
-- parameters: ':', 1.0, 100, 1, 6
-- columns: id integer, joined text

-- case: substring_positions
SELECT "products"."id", substr("products"."name", 1, CAST($1 AS INTEGER)) AS "zero", substr("products"."name", length("products"."name") + -3 + 1, CAST($1 AS INTEGER)) AS "from_end", substr("products"."name", length("products"."name") + -40 + 1, CAST($2 AS INTEGER)) AS "before_start", substr("products"."name", CASE WHEN CAST("products"."id" - $3 AS INTEGER) = 0 THEN 1 WHEN CAST("products"."id" - $3 AS INTEGER) < 0 THEN length("products"."name") + CAST("products"."id" - $3 AS INTEGER) + 1 ELSE CAST("products"."id" - $3 AS INTEGER) END, CAST($3 AS INTEGER)) AS "varying", strpos("products"."name", $4) AS "o_at", CASE WHEN CAST($5 AS TEXT) IS NULL THEN NULL ELSE coalesce((regexp_match(CAST($5 AS TEXT), '(' || $6 || ')')) [ CAST($7 AS INTEGER) + 1 ], '') END AS "digits"
FROM "products"
WHERE "products"."id" < $8
ORDER BY "products"."id" ASC;
-- parameters: 2, 38, 3, 'o', 'abc123def', '(\d+)', 1, 6
-- columns: id integer, zero text, from_end text, before_start text, varying text, o_at integer, digits text

-- case: round_negative_scale
SELECT "products"."id", CAST(round(CAST("products"."price" AS NUMERIC), CAST($1 AS INTEGER)) AS DOUBLE PRECISION) AS "tens", CAST(round("products"."stock", CAST($2 AS INTEGER)) AS BIGINT) AS "hundreds", CAST(round(CAST($3 AS NUMERIC), CAST($2 AS INTEGER)) AS DOUBLE PRECISION) AS "negative", CAST(round(CAST("products"."price" AS NUMERIC), CAST("products"."id" - $4 AS INTEGER)) AS DOUBLE PRECISION) AS "varying"
FROM "products"
WHERE "products"."id" < $5
ORDER BY "products"."id" ASC;
-- parameters: -1, -2, -1250.0, 3, 6
-- columns: id integer, tens real, hundreds integer, negative real, varying real

-- case: collect_skips_nulls
SELECT "customers"."country", json_array_length(CAST(coalesce(CAST(array_to_json(array_agg("customers"."email") FILTER (WHERE "customers"."email" IS NOT NULL)) AS TEXT), '[]') AS JSON)) AS "emails", count("customers"."email") AS "counted", json_array_length(CAST(coalesce(CAST(array_to_json(array_agg(DISTINCT "customers"."email") FILTER (WHERE "customers"."email" IS NOT NULL)) AS TEXT), '[]') AS JSON)) AS "distinct_emails", coalesce(CAST(array_to_json(array_agg(CASE WHEN "customers"."id" < $1 THEN "customers"."email" END) FILTER (WHERE CASE WHEN "customers"."id" < $1 THEN "customers"."email" END IS NOT NULL)) AS TEXT), '[]') AS "none"
FROM "customers"
GROUP BY "customers"."country"
ORDER BY "customers"."country" ASC;
-- parameters: 0
-- columns: country text, emails integer, counted integer, distinct_emails integer, none json

-- case: pivot_several_aggregates
SELECT "orders"."customer_id", sum(CASE WHEN "orders"."status" = $1 THEN "orders"."amount" END) AS "paid_total", count(CASE WHEN "orders"."status" = $1 THEN $2 END) AS "paid_count(*)", max(CASE WHEN "orders"."status" = $1 THEN "orders"."amount" END) AS "paid_max(amount)", sum(CASE WHEN "orders"."status" = $3 THEN "orders"."amount" END) AS "shipped_total", count(CASE WHEN "orders"."status" = $3 THEN $2 END) AS "shipped_count(*)", max(CASE WHEN "orders"."status" = $3 THEN "orders"."amount" END) AS "shipped_max(amount)"
FROM "orders"
GROUP BY "orders"."customer_id"
ORDER BY "orders"."customer_id" ASC
LIMIT $4;
-- parameters: 'paid', 1, 'shipped', 5
-- columns: customer_id integer, paid_total real, paid_count(*) integer, paid_max(amount) real, shipped_total real, shipped_count(*) integer, shipped_max(amount) real

-- case: fillna_subset
SELECT "customers"."id", coalesce("customers"."email", $1) AS "email"
FROM "customers"
ORDER BY "customers"."id" ASC
LIMIT $2;
-- parameters: 'none', 10
-- columns: id integer, email text

-- case: dropna_subset
SELECT "customers"."id"
FROM "customers"
WHERE "customers"."email" IS NOT NULL
ORDER BY "customers"."id" ASC;
-- parameters: 
-- columns: id integer

-- case: explode
SELECT "products"."id", "t1"."value" AS "word"
FROM "products"
CROSS JOIN LATERAL json_array_elements_text(CAST(CAST(array_to_json(string_to_array("products"."name", $1)) AS TEXT) AS JSON)) AS "t1" ("value")
WHERE "products"."id" < $2
ORDER BY "products"."id" ASC, "t1"."value" ASC NULLS FIRST;
-- parameters: ' ', 4
-- columns: id integer, word text

-- case: explode_numbers
SELECT "products"."id", CAST("t1"."value" AS BIGINT) AS "n"
FROM "products"
CROSS JOIN LATERAL json_array_elements_text(CAST(CAST(array_to_json(ARRAY ["products"."id", "products"."stock"]) AS TEXT) AS JSON)) AS "t1" ("value")
WHERE "products"."id" < $1
ORDER BY "products"."id" ASC, CAST("t1"."value" AS BIGINT) ASC NULLS FIRST;
-- parameters: 4
-- columns: id integer, n integer

-- case: null_ordering
SELECT "customers"."id", "customers"."email"
FROM "customers"
ORDER BY "customers"."email" ASC NULLS FIRST, "customers"."id" ASC
LIMIT $1;
-- parameters: 12
-- columns: id integer, email text

-- case: null_ordering_desc
SELECT "customers"."id", "customers"."email"
FROM "customers"
ORDER BY "customers"."email" DESC NULLS LAST, "customers"."id" ASC
LIMIT $1;
-- parameters: 12
-- columns: id integer, email text

-- case: null_ordering_explicit
SELECT "customers"."id", "customers"."email"
FROM "customers"
ORDER BY "customers"."email" ASC, "customers"."id" ASC
LIMIT $1;
-- parameters: 12
-- columns: id integer, email text

-- case: division_and_casts
SELECT "products"."id", CAST("products"."stock" AS DOUBLE PRECISION) / $1 AS "true_div", CAST(floor(CAST("products"."stock" AS DOUBLE PRECISION) / $1) AS BIGINT) AS "floor_div", CAST(trunc("products"."price" * $2) AS BIGINT) AS "truncated", "products"."stock" % $1 AS "rest"
FROM "products"
ORDER BY "products"."id" ASC;
-- parameters: 7, 1.5
-- columns: id integer, true_div real, floor_div integer, truncated integer, rest integer

-- case: like_and_friends
SELECT "customers"."id"
FROM "customers"
WHERE "customers"."name" LIKE $1 OR "customers"."name" ILIKE $2 OR substr("customers"."email", 1, length(CAST($3 AS TEXT))) = CAST($3 AS TEXT) OR length("customers"."name") >= length(CAST($4 AS TEXT)) AND substr("customers"."name", length("customers"."name") - length(CAST($4 AS TEXT)) + 1) = CAST($4 AS TEXT) OR strpos("customers"."name", CAST($5 AS TEXT)) > 0
ORDER BY "customers"."id" ASC;
-- parameters: 'A%', '%LOVE%', 'ada', 'son', '_'
-- columns: id integer

-- case: between_and_null_comparison
SELECT "customers"."id"
FROM "customers"
WHERE "customers"."id" BETWEEN $1 AND $2 AND "customers"."email" IS NULL
ORDER BY "customers"."id" ASC;
-- parameters: 5, 15
-- columns: id integer

-- case: string_functions
SELECT "customers"."id", upper("customers"."name") AS "upper", length("customers"."name") AS "length", substr("customers"."name", CAST($1 AS INTEGER), CAST($2 AS INTEGER)) AS "sub", "customers"."name" || CAST($3 AS TEXT) || "customers"."country" AS "joined", lpad(CAST("customers"."country" AS TEXT), CAST($4 AS INTEGER), $5) AS "padded", initcap(lower("customers"."name")) AS "initcap", replace("customers"."name", $6, $7) AS "replaced", strpos("customers"."name", $6) AS "position", regexp_replace("customers"."name", $8, $9, 'g') AS "regexp"
FROM "customers"
ORDER BY "customers"."id" ASC
LIMIT $10;
-- parameters: 2, 3, '!', 4, '*', 'a', '4', '[aeiou]', '_', 10
-- columns: id integer, upper text, length integer, sub text, joined text, padded text, initcap text, replaced text, position integer, regexp text

-- case: array_element_types
SELECT "products"."id", CAST(array_to_json(ARRAY [CAST("products"."id" AS TEXT), "products"."name", CAST("products"."price" AS TEXT)]) AS TEXT) AS "mixed", (
  SELECT e.value #>> '{}' FROM jsonb_array_elements( CAST(CAST(array_to_json(ARRAY ["products"."price", "products"."stock"]) AS TEXT) AS JSONB) ) WITH ORDINALITY AS e (value, ordinality) WHERE e.value <> 'null' ORDER BY e.value DESC LIMIT 1
) AS "highest", (
  SELECT e.value #>> '{}' FROM jsonb_array_elements( CAST(CAST(array_to_json(ARRAY ["products"."name", "products"."category"]) AS TEXT) AS JSONB) ) WITH ORDINALITY AS e (value, ordinality) WHERE e.value <> 'null' ORDER BY e.value ASC LIMIT 1
) AS "first_name", (
  SELECT sum(CAST(e.value #>> '{}' AS DOUBLE PRECISION)) FROM jsonb_array_elements( CAST(CAST(array_to_json(ARRAY ["products"."id", "products"."stock"]) AS TEXT) AS JSONB) ) WITH ORDINALITY AS e (value, ordinality) WHERE jsonb_typeof(e.value) = 'number'
) AS "total", CASE json_typeof(CAST(regexp_replace(CAST(CAST(CAST(array_to_json(ARRAY ["products"."id", "products"."stock"]) AS TEXT) AS JSONB) AS TEXT), '("(?:[^"\\]|\\.)*")| +', '\1', 'g') AS JSON)) WHEN 'array' THEN json_array_length(CAST(regexp_replace(CAST(CAST(CAST(array_to_json(ARRAY ["products"."id", "products"."stock"]) AS TEXT) AS JSONB) AS TEXT), '("(?:[^"\\]|\\.)*")| +', '\1', 'g') AS JSON)) END AS "length"
FROM "products"
WHERE "products"."id" < $1
ORDER BY "products"."id" ASC;
-- parameters: 5
-- columns: id integer, mixed json, highest text, first_name text, total real, length integer

-- case: date_format_patterns
SELECT "orders"."id", to_char(CAST("orders"."ordered_at" AS TIMESTAMP), $1) AS "short", to_char(CAST("orders"."ordered_at" AS TIMESTAMP), $2) AS "names", to_char(CAST("orders"."ordered_at" AS TIMESTAMP), $3) AS "long_names", to_char(CAST("orders"."ordered_at" AS TIMESTAMP), $4) AS "clock", to_char(CAST("orders"."ordered_at" AS TIMESTAMP), $5) AS "unpadded", to_char(to_timestamp("orders"."id" * $6) AT TIME ZONE 'UTC', $7) AS "epoch"
FROM "orders"
WHERE "orders"."id" < $8
ORDER BY "orders"."id" ASC;
-- parameters: 'DD/MM/YY', 'Dy Mon FMDD, YYYY', 'FMDay FMDD FMMonth', 'FMHH12:MI AM', 'HH12 "o''clock" FMHH24:FMMI:FMSS FMMM/FMDD DDD', 40000000, 'Mon YYYY FMHH12 AM', 12
-- columns: id integer, short text, names text, long_names text, clock text, unpadded text, epoch timestamp

-- case: casts
SELECT "orders"."id", CAST("orders"."ordered_at" AS DATE) AS "day", CAST("orders"."ordered_at" AS TIMESTAMP) AS "at", CAST(CAST("orders"."ordered_at" AS DATE) AS TEXT) AS "day_text", CAST($1 AS BIGINT) AS "int_text", CAST($2 AS BIGINT) AS "signed", CAST($3 AS DOUBLE PRECISION) AS "real_text", CAST($4 AS BOOLEAN) AS "true_text", CAST($5 AS BOOLEAN) AS "off_text", "orders"."id" - $6 <> 0 AS "nonzero", CAST(CAST("orders"."id" > $6 AS INTEGER) AS BIGINT) AS "boolean_int", CAST("orders"."id" > $6 AS TEXT) AS "boolean_text", CAST(CAST("orders"."id" > $6 AS INTEGER) AS DOUBLE PRECISION) AS "boolean_real", CAST("orders"."amount" AS TEXT) AS "amount_text", CAST(CAST("orders"."id" AS DOUBLE PRECISION) * $7 AS TEXT) AS "whole_real_text"
FROM "orders"
WHERE "orders"."id" < $8
ORDER BY "orders"."id" ASC;
-- parameters: ' 12 ', '+7', ' 2e3 ', 'true', ' OFF ', 1, 2, 4
-- columns: id integer, day date, at timestamp, day_text text, int_text integer, signed integer, real_text real, true_text boolean, off_text boolean, nonzero boolean, boolean_int integer, boolean_text text, boolean_real real, amount_text text, whole_real_text text

-- case: timestamp_text
SELECT "orders"."id", CAST($1 AS TIMESTAMP) AS "midnight", CAST($2 AS TIMESTAMP) AS "fraction", CAST($3 AS TIMESTAMP) AS "zone", CAST($4 AS TIMESTAMP) AS "unpadded", CAST($5 AS TIMESTAMP) AS "carry", CAST($6 AS DATE) AS "leap_day", CAST(CAST(CAST("orders"."ordered_at" AS TEXT) AS TIMESTAMP) AS TEXT) AS "round_trip"
FROM "orders"
WHERE "orders"."id" < $7
ORDER BY "orders"."id" ASC;
-- parameters: '2024-02-03', '2024-02-03T04:05:06.789', '2024-02-03 04:05:06+02', ' 2024-2-3 4:05 ', '2024-12-31 23:59:59.9999996', '2024-02-29 23:59:59', 3
-- columns: id integer, midnight timestamp, fraction timestamp, zone timestamp, unpadded timestamp, carry timestamp, leap_day date, round_trip text

-- case: decimal_scale
SELECT "orders"."id", CAST("orders"."amount" / $1 AS NUMERIC(10, 2)) AS "d", CAST("orders"."amount" / $2 AS NUMERIC(12, 1)) AS "d1"
FROM "orders"
WHERE "orders"."id" < $3
ORDER BY "orders"."id" ASC;
-- parameters: 7, 3, 6
-- columns: id integer, d decimal, d1 decimal

-- case: unicode_case_changes
SELECT upper($1) AS "upper", lower($2) AS "lower", initcap($3) AS "initcap"
FROM "products"
WHERE "products"."id" = $4;
-- parameters: 'straße ŉ ǆ éa', 'ÄÖÜ ΣΑΣ İ Ǆ', 'élan ǆungla ßeta 3d', 1
-- columns: upper text, lower text, initcap text

-- case: math_functions
SELECT "products"."id", CAST(round(CAST("products"."price" AS NUMERIC), CAST($1 AS INTEGER)) AS DOUBLE PRECISION) AS "rounded", CAST(floor("products"."price") AS BIGINT) AS "floor", CAST(ceil("products"."price") AS BIGINT) AS "ceil", abs("products"."stock" - $2) AS "distance", CASE WHEN "products"."stock" - $2 > 0 THEN 1 WHEN "products"."stock" - $2 < 0 THEN -1 WHEN "products"."stock" - $2 = 0 THEN 0 END AS "sign", CAST(round(CAST(CASE WHEN "products"."price" < 0 THEN NULL ELSE sqrt("products"."price") END AS NUMERIC), CAST($3 AS INTEGER)) AS DOUBLE PRECISION) AS "root", CASE WHEN "products"."stock" = 0 AND $4 < 0 THEN $5 WHEN "products"."stock" < 0 AND $4 <> floor($4) THEN NULL ELSE power("products"."stock", $4) END AS "square", greatest("products"."stock", $6, NULL) AS "at_least_50", least("products"."stock", $6) AS "at_most_50", CAST(round(CAST(CASE WHEN "products"."price" <= 0 THEN NULL ELSE CAST(log(2.0, CAST("products"."price" AS NUMERIC)) AS DOUBLE PRECISION) END AS NUMERIC), CAST($7 AS INTEGER)) AS DOUBLE PRECISION) AS "log2"
FROM "products"
ORDER BY "products"."id" ASC;
-- parameters: 1, 100, 3, 2, inf, 50, 4
-- columns: id integer, rounded real, floor integer, ceil integer, distance integer, sign integer, root real, square real, at_least_50 integer, at_most_50 integer, log2 real

-- case: date_functions
SELECT "orders"."id", CAST(EXTRACT(YEAR FROM CAST("orders"."ordered_at" AS TIMESTAMP)) AS INTEGER) AS "year", CAST(EXTRACT(MONTH FROM CAST("orders"."ordered_at" AS TIMESTAMP)) AS INTEGER) AS "month", CAST(EXTRACT(DAY FROM CAST("orders"."ordered_at" AS TIMESTAMP)) AS INTEGER) AS "day", CAST(EXTRACT(HOUR FROM CAST("orders"."ordered_at" AS TIMESTAMP)) AS INTEGER) AS "hour", CAST(EXTRACT(DOW FROM CAST("orders"."ordered_at" AS TIMESTAMP)) AS INTEGER) + 1 AS "dow", CAST(EXTRACT(QUARTER FROM CAST("orders"."ordered_at" AS TIMESTAMP)) AS INTEGER) AS "quarter", CAST(EXTRACT(WEEK FROM CAST("orders"."ordered_at" AS TIMESTAMP)) AS INTEGER) AS "week", to_char(date_trunc($1, CAST("orders"."ordered_at" AS TIMESTAMP)), 'YYYY-MM-DD HH24:MI:SS') AS "month_start", to_char(CAST("orders"."ordered_at" AS TIMESTAMP) + CAST($2 AS INTERVAL), 'YYYY-MM-DD HH24:MI:SS') AS "later", to_char(date_trunc('month', CAST("orders"."ordered_at" AS TIMESTAMP)) + INTERVAL '1 month' - INTERVAL '1 day', 'YYYY-MM-DD') AS "last_day", to_char(CAST("orders"."ordered_at" AS TIMESTAMP), $3) AS "formatted", CAST(CAST("orders"."ordered_at" AS DATE) - CAST($4 AS DATE) AS BIGINT) AS "days", to_char(CAST("orders"."ordered_at" AS DATE) + make_interval(months => CAST($5 AS INTEGER)), 'YYYY-MM-DD') AS "next_month"
FROM "orders"
ORDER BY "orders"."id" ASC
LIMIT $6;
-- parameters: 'month', '3 days', 'YYYY/MM/DD HH24:MI', '2024-01-01', 1, 10
-- columns: id integer, year integer, month integer, day integer, hour integer, dow integer, quarter integer, week integer, month_start timestamp, later timestamp, last_day date, formatted text, days integer, next_month date

-- case: window_functions
SELECT "orders"."id", "orders"."customer_id", rank() OVER (PARTITION BY "orders"."customer_id" ORDER BY "orders"."amount" DESC) AS "rank", dense_rank() OVER (PARTITION BY "orders"."customer_id" ORDER BY "orders"."amount" DESC) AS "dense", ntile(CAST($1 AS INTEGER)) OVER (PARTITION BY "orders"."customer_id" ORDER BY "orders"."id" ASC) AS "half", lead("orders"."id", CAST($2 AS INTEGER), $3) OVER (PARTITION BY "orders"."customer_id" ORDER BY "orders"."id" ASC) AS "next", first_value("orders"."id") OVER (PARTITION BY "orders"."customer_id" ORDER BY "orders"."id" ASC) AS "first", count(*) OVER (PARTITION BY "orders"."customer_id") AS "orders"
FROM "orders"
WHERE "orders"."customer_id" < $4
ORDER BY "orders"."id" ASC;
-- parameters: 2, 1, 0, 4
-- columns: id integer, customer_id integer, rank integer, dense integer, half integer, next integer, first integer, orders integer

-- case: statistics
SELECT "orders"."status", CAST(round(CAST(stddev_samp("orders"."amount") AS NUMERIC), CAST($1 AS INTEGER)) AS DOUBLE PRECISION) AS "stddev", CAST(round(CAST(var_samp("orders"."amount") AS NUMERIC), CAST($2 AS INTEGER)) AS DOUBLE PRECISION) AS "variance", CAST(round(CAST(corr("orders"."amount", "orders"."customer_id") AS NUMERIC), CAST($3 AS INTEGER)) AS DOUBLE PRECISION) AS "corr", count(DISTINCT "orders"."customer_id") AS "customers", min("orders"."amount") AS "min", max("orders"."amount") AS "max"
FROM "orders"
GROUP BY "orders"."status"
ORDER BY "orders"."status" ASC;
-- parameters: 4, 2, 6
-- columns: status text, stddev real, variance real, corr real, customers integer, min real, max real

-- case: moving_statistics
SELECT "orders"."id", CAST(round(CAST(stddev_samp("orders"."amount" + $1) OVER (ORDER BY "orders"."id" ASC ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS NUMERIC), CAST($2 AS INTEGER)) AS DOUBLE PRECISION) AS "stddev", CAST(round(CAST(var_samp("orders"."amount") OVER (ORDER BY "orders"."id" ASC ROWS BETWEEN 3 PRECEDING AND 1 FOLLOWING) AS NUMERIC), CAST($3 AS INTEGER)) AS DOUBLE PRECISION) AS "variance", CAST(round(CAST(covar_samp("orders"."amount" + $1, "orders"."id") OVER (ORDER BY "orders"."id" ASC ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS NUMERIC), CAST($2 AS INTEGER)) AS DOUBLE PRECISION) AS "covar", CAST(round(CAST(corr("orders"."amount", "orders"."customer_id") OVER (PARTITION BY "orders"."status") AS NUMERIC), CAST($4 AS INTEGER)) AS DOUBLE PRECISION) AS "corr"
FROM "orders"
WHERE "orders"."id" <= $5
ORDER BY "orders"."id" ASC;
-- parameters: 1000000000.0, 4, 2, 6, 12
-- columns: id integer, stddev real, variance real, covar real, corr real

-- case: percentile
SELECT "orders"."status", CAST(round(CAST(percentile_cont($1) WITHIN GROUP (ORDER BY "orders"."amount" ASC) AS NUMERIC), CAST($2 AS INTEGER)) AS DOUBLE PRECISION) AS "median", percentile_disc($3) WITHIN GROUP (ORDER BY "orders"."customer_id" ASC) AS "quartile"
FROM "orders"
GROUP BY "orders"."status"
ORDER BY "orders"."status" ASC;
-- parameters: 0.5, 4, 0.25
-- columns: status text, median real, quartile integer

-- case: conditional_functions
SELECT "customers"."id", coalesce("customers"."email", $1) AS "email", "customers"."email" IS NULL AS "missing", CAST("customers"."id" AS DOUBLE PRECISION) IS NOT NULL AND CAST(CAST("customers"."id" AS DOUBLE PRECISION) AS DOUBLE PRECISION) = 'NaN' AS "nan", (CAST("customers"."id" AS DOUBLE PRECISION) = $2 OR CAST("customers"."id" AS DOUBLE PRECISION) = $3) AS "inf"
FROM "customers"
ORDER BY "customers"."id" ASC
LIMIT $4;
-- parameters: 'none', inf, -inf, 10
-- columns: id integer, email text, missing boolean, nan boolean, inf boolean

-- case: hashes
SELECT "customers"."id", md5(CAST("customers"."name" AS TEXT)) AS "md5", encode(sha256(convert_to(CAST("customers"."name" AS TEXT), 'UTF8')), 'hex') AS "sha256", translate(encode(convert_to(CAST("customers"."name" AS TEXT), 'UTF8'), 'base64'), chr(10), '') AS "base64", md5(CAST("customers"."active" AS TEXT)) AS "md5_boolean", md5(CAST(CAST("customers"."id" AS DOUBLE PRECISION) AS TEXT)) AS "md5_real", encode(sha256(convert_to(CAST(CAST("customers"."id" AS DOUBLE PRECISION) / $1 AS TEXT), 'UTF8')), 'hex') AS "sha_real", translate(encode(convert_to(CAST("customers"."active" AS TEXT), 'UTF8'), 'base64'), chr(10), '') AS "base64_boolean", md5($2) AS "md5_blob", translate(encode($2, 'base64'), chr(10), '') AS "base64_blob"
FROM "customers"
ORDER BY "customers"."id" ASC
LIMIT $3;
-- parameters: 2, x'00ff10', 3
-- columns: id integer, md5 text, sha256 text, base64 text, md5_boolean text, md5_real text, sha_real text, base64_boolean text, md5_blob text, base64_blob text

-- case: digests_of_long_text
SELECT "customers"."id", (WITH RECURSIVE sha1_input (p) AS (SELECT m || '\x80'::bytea ||  decode(repeat('00', ((55 - length(m)) % 64 + 64) % 64), 'hex') || int8send(8 * CAST(length(m) AS BIGINT)) FROM (SELECT convert_to(CAST("customers"."name" AS TEXT), 'UTF8') AS m) AS sha1_message),  sha1_steps (blk, t, h0, h1, h2, h3, h4, a, b, c, d, e, w) AS (SELECT 0, 0, CAST(1732584193 AS BIGINT), CAST(4023233417 AS BIGINT), CAST(2562383102 AS BIGINT), CAST(271733878 AS BIGINT), CAST(3285377520 AS BIGINT), CAST(1732584193 AS BIGINT), CAST(4023233417 AS BIGINT), CAST(2562383102 AS BIGINT), CAST(271733878 AS BIGINT), CAST(3285377520 AS BIGINT), CAST(ARRAY[] AS BIGINT[]) FROM sha1_input UNION ALL SELECT CASE WHEN s.t = 79 THEN s.blk + 1 ELSE s.blk END, CASE WHEN s.t = 79 THEN 0 ELSE s.t + 1 END, CASE WHEN s.t = 79 THEN (s.h0 + r.temp) & 4294967295 ELSE s.h0 END, CASE WHEN s.t = 79 THEN (s.h1 + s.a) & 4294967295 ELSE s.h1 END, CASE WHEN s.t = 79 THEN (s.h2 + r.rb) & 4294967295 ELSE s.h2 END, CASE WHEN s.t = 79 THEN (s.h3 + s.c) & 4294967295 ELSE s.h3 END, CASE WHEN s.t = 79 THEN (s.h4 + s.d) & 4294967295 ELSE s.h4 END, CASE WHEN s.t = 79 THEN (s.h0 + r.temp) & 4294967295 ELSE r.temp END, CASE WHEN s.t = 79 THEN (s.h1 + s.a) & 4294967295 ELSE s.a END, CASE WHEN s.t = 79 THEN (s.h2 + r.rb) & 4294967295 ELSE r.rb END, CASE WHEN s.t = 79 THEN (s.h3 + s.c) & 4294967295 ELSE s.c END, CASE WHEN s.t = 79 THEN (s.h4 + s.d) & 4294967295 ELSE s.d END, CASE WHEN s.t = 79 THEN CAST(ARRAY[] AS BIGINT[]) ELSE s.w || q.wt END FROM sha1_steps AS s CROSS JOIN sha1_input AS i CROSS JOIN LATERAL (SELECT CASE WHEN s.t < 16 THEN ((CAST(get_byte(i.p, s.blk * 64 + 4 * s.t + 0) AS BIGINT) << 24) | (CAST(get_byte(i.p, s.blk * 64 + 4 * s.t + 1) AS BIGINT) << 16) | (CAST(get_byte(i.p, s.blk * 64 + 4 * s.t + 2) AS BIGINT) << 8) | CAST(get_byte(i.p, s.blk * 64 + 4 * s.t + 3) AS BIGINT)) ELSE ((((s.w[s.t - 2] # s.w[s.t - 7] # s.w[s.t - 13] # s.w[s.t - 15]) << 1) | ((s.w[s.t - 2] # s.w[s.t - 7] # s.w[s.t - 13] # s.w[s.t - 15]) >> 31)) & 4294967295) END AS wt, (((s.b << 30) | (s.b >> 2)) & 4294967295) AS rb) AS q CROSS JOIN LATERAL (SELECT ((((s.a << 5) | (s.a >> 27)) & 4294967295) + (CASE WHEN s.t < 20 THEN (((s.b & s.c) | ((s.b # 4294967295) & s.d)) + 1518500249) WHEN s.t < 40 THEN ((s.b # s.c # s.d) + 1859775393) WHEN s.t < 60 THEN (((s.b & s.c) | (s.b & s.d) | (s.c & s.d)) + 2400959708) ELSE ((s.b # s.c # s.d) + 3395469782) END) + s.e + q.wt) & 4294967295 AS temp, q.rb AS rb) AS r WHERE s.blk < length(i.p) / 64) SELECT lpad(to_hex(h0), 8, '0') || lpad(to_hex(h1), 8, '0') || lpad(to_hex(h2), 8, '0') || lpad(to_hex(h3), 8, '0') || lpad(to_hex(h4), 8, '0') FROM sha1_steps CROSS JOIN sha1_input WHERE blk = length(p) / 64) AS "sha1", (WITH RECURSIVE sha1_input (p) AS (SELECT m || '\x80'::bytea ||  decode(repeat('00', ((55 - length(m)) % 64 + 64) % 64), 'hex') || int8send(8 * CAST(length(m) AS BIGINT)) FROM (SELECT convert_to(CAST("customers"."name" || CAST($1 AS TEXT) || "customers"."email" AS TEXT), 'UTF8') AS m) AS sha1_message),  sha1_steps (blk, t, h0, h1, h2, h3, h4, a, b, c, d, e, w) AS (SELECT 0, 0, CAST(1732584193 AS BIGINT), CAST(4023233417 AS BIGINT), CAST(2562383102 AS BIGINT), CAST(271733878 AS BIGINT), CAST(3285377520 AS BIGINT), CAST(1732584193 AS BIGINT), CAST(4023233417 AS BIGINT), CAST(2562383102 AS BIGINT), CAST(271733878 AS BIGINT), CAST(3285377520 AS BIGINT), CAST(ARRAY[] AS BIGINT[]) FROM sha1_input UNION ALL SELECT CASE WHEN s.t = 79 THEN s.blk + 1 ELSE s.blk END, CASE WHEN s.t = 79 THEN 0 ELSE s.t + 1 END, CASE WHEN s.t = 79 THEN (s.h0 + r.temp) & 4294967295 ELSE s.h0 END, CASE WHEN s.t = 79 THEN (s.h1 + s.a) & 4294967295 ELSE s.h1 END, CASE WHEN s.t = 79 THEN (s.h2 + r.rb) & 4294967295 ELSE s.h2 END, CASE WHEN s.t = 79 THEN (s.h3 + s.c) & 4294967295 ELSE s.h3 END, CASE WHEN s.t = 79 THEN (s.h4 + s.d) & 4294967295 ELSE s.h4 END, CASE WHEN s.t = 79 THEN (s.h0 + r.temp) & 4294967295 ELSE r.temp END, CASE WHEN s.t = 79 THEN (s.h1 + s.a) & 4294967295 ELSE s.a END, CASE WHEN s.t = 79 THEN (s.h2 + r.rb) & 4294967295 ELSE r.rb END, CASE WHEN s.t = 79 THEN (s.h3 + s.c) & 4294967295 ELSE s.c END, CASE WHEN s.t = 79 THEN (s.h4 + s.d) & 4294967295 ELSE s.d END, CASE WHEN s.t = 79 THEN CAST(ARRAY[] AS BIGINT[]) ELSE s.w || q.wt END FROM sha1_steps AS s CROSS JOIN sha1_input AS i CROSS JOIN LATERAL (SELECT CASE WHEN s.t < 16 THEN ((CAST(get_byte(i.p, s.blk * 64 + 4 * s.t + 0) AS BIGINT) << 24) | (CAST(get_byte(i.p, s.blk * 64 + 4 * s.t + 1) AS BIGINT) << 16) | (CAST(get_byte(i.p, s.blk * 64 + 4 * s.t + 2) AS BIGINT) << 8) | CAST(get_byte(i.p, s.blk * 64 + 4 * s.t + 3) AS BIGINT)) ELSE ((((s.w[s.t - 2] # s.w[s.t - 7] # s.w[s.t - 13] # s.w[s.t - 15]) << 1) | ((s.w[s.t - 2] # s.w[s.t - 7] # s.w[s.t - 13] # s.w[s.t - 15]) >> 31)) & 4294967295) END AS wt, (((s.b << 30) | (s.b >> 2)) & 4294967295) AS rb) AS q CROSS JOIN LATERAL (SELECT ((((s.a << 5) | (s.a >> 27)) & 4294967295) + (CASE WHEN s.t < 20 THEN (((s.b & s.c) | ((s.b # 4294967295) & s.d)) + 1518500249) WHEN s.t < 40 THEN ((s.b # s.c # s.d) + 1859775393) WHEN s.t < 60 THEN (((s.b & s.c) | (s.b & s.d) | (s.c & s.d)) + 2400959708) ELSE ((s.b # s.c # s.d) + 3395469782) END) + s.e + q.wt) & 4294967295 AS temp, q.rb AS rb) AS r WHERE s.blk < length(i.p) / 64) SELECT lpad(to_hex(h0), 8, '0') || lpad(to_hex(h1), 8, '0') || lpad(to_hex(h2), 8, '0') || lpad(to_hex(h3), 8, '0') || lpad(to_hex(h4), 8, '0') FROM sha1_steps CROSS JOIN sha1_input WHERE blk = length(p) / 64) AS "sha1_long", md5(CAST("customers"."name" || CAST($1 AS TEXT) || "customers"."email" AS TEXT)) AS "md5_long", encode(sha256(convert_to(CAST("customers"."name" || CAST($1 AS TEXT) || "customers"."email" AS TEXT), 'UTF8')), 'hex') AS "sha256_long", (WITH RECURSIVE sha1_input (p) AS (SELECT m || '\x80'::bytea ||  decode(repeat('00', ((55 - length(m)) % 64 + 64) % 64), 'hex') || int8send(8 * CAST(length(m) AS BIGINT)) FROM (SELECT convert_to(CAST("customers"."active" AS TEXT), 'UTF8') AS m) AS sha1_message),  sha1_steps (blk, t, h0, h1, h2, h3, h4, a, b, c, d, e, w) AS (SELECT 0, 0, CAST(1732584193 AS BIGINT), CAST(4023233417 AS BIGINT), CAST(2562383102 AS BIGINT), CAST(271733878 AS BIGINT), CAST(3285377520 AS BIGINT), CAST(1732584193 AS BIGINT), CAST(4023233417 AS BIGINT), CAST(2562383102 AS BIGINT), CAST(271733878 AS BIGINT), CAST(3285377520 AS BIGINT), CAST(ARRAY[] AS BIGINT[]) FROM sha1_input UNION ALL SELECT CASE WHEN s.t = 79 THEN s.blk + 1 ELSE s.blk END, CASE WHEN s.t = 79 THEN 0 ELSE s.t + 1 END, CASE WHEN s.t = 79 THEN (s.h0 + r.temp) & 4294967295 ELSE s.h0 END, CASE WHEN s.t = 79 THEN (s.h1 + s.a) & 4294967295 ELSE s.h1 END, CASE WHEN s.t = 79 THEN (s.h2 + r.rb) & 4294967295 ELSE s.h2 END, CASE WHEN s.t = 79 THEN (s.h3 + s.c) & 4294967295 ELSE s.h3 END, CASE WHEN s.t = 79 THEN (s.h4 + s.d) & 4294967295 ELSE s.h4 END, CASE WHEN s.t = 79 THEN (s.h0 + r.temp) & 4294967295 ELSE r.temp END, CASE WHEN s.t = 79 THEN (s.h1 + s.a) & 4294967295 ELSE s.a END, CASE WHEN s.t = 79 THEN (s.h2 + r.rb) & 4294967295 ELSE r.rb END, CASE WHEN s.t = 79 THEN (s.h3 + s.c) & 4294967295 ELSE s.c END, CASE WHEN s.t = 79 THEN (s.h4 + s.d) & 4294967295 ELSE s.d END, CASE WHEN s.t = 79 THEN CAST(ARRAY[] AS BIGINT[]) ELSE s.w || q.wt END FROM sha1_steps AS s CROSS JOIN sha1_input AS i CROSS JOIN LATERAL (SELECT CASE WHEN s.t < 16 THEN ((CAST(get_byte(i.p, s.blk * 64 + 4 * s.t + 0) AS BIGINT) << 24) | (CAST(get_byte(i.p, s.blk * 64 + 4 * s.t + 1) AS BIGINT) << 16) | (CAST(get_byte(i.p, s.blk * 64 + 4 * s.t + 2) AS BIGINT) << 8) | CAST(get_byte(i.p, s.blk * 64 + 4 * s.t + 3) AS BIGINT)) ELSE ((((s.w[s.t - 2] # s.w[s.t - 7] # s.w[s.t - 13] # s.w[s.t - 15]) << 1) | ((s.w[s.t - 2] # s.w[s.t - 7] # s.w[s.t - 13] # s.w[s.t - 15]) >> 31)) & 4294967295) END AS wt, (((s.b << 30) | (s.b >> 2)) & 4294967295) AS rb) AS q CROSS JOIN LATERAL (SELECT ((((s.a << 5) | (s.a >> 27)) & 4294967295) + (CASE WHEN s.t < 20 THEN (((s.b & s.c) | ((s.b # 4294967295) & s.d)) + 1518500249) WHEN s.t < 40 THEN ((s.b # s.c # s.d) + 1859775393) WHEN s.t < 60 THEN (((s.b & s.c) | (s.b & s.d) | (s.c & s.d)) + 2400959708) ELSE ((s.b # s.c # s.d) + 3395469782) END) + s.e + q.wt) & 4294967295 AS temp, q.rb AS rb) AS r WHERE s.blk < length(i.p) / 64) SELECT lpad(to_hex(h0), 8, '0') || lpad(to_hex(h1), 8, '0') || lpad(to_hex(h2), 8, '0') || lpad(to_hex(h3), 8, '0') || lpad(to_hex(h4), 8, '0') FROM sha1_steps CROSS JOIN sha1_input WHERE blk = length(p) / 64) AS "sha1_boolean", (WITH RECURSIVE sha1_input (p) AS (SELECT m || '\x80'::bytea ||  decode(repeat('00', ((55 - length(m)) % 64 + 64) % 64), 'hex') || int8send(8 * CAST(length(m) AS BIGINT)) FROM (SELECT convert_to(CAST($2 AS TEXT), 'UTF8') AS m) AS sha1_message),  sha1_steps (blk, t, h0, h1, h2, h3, h4, a, b, c, d, e, w) AS (SELECT 0, 0, CAST(1732584193 AS BIGINT), CAST(4023233417 AS BIGINT), CAST(2562383102 AS BIGINT), CAST(271733878 AS BIGINT), CAST(3285377520 AS BIGINT), CAST(1732584193 AS BIGINT), CAST(4023233417 AS BIGINT), CAST(2562383102 AS BIGINT), CAST(271733878 AS BIGINT), CAST(3285377520 AS BIGINT), CAST(ARRAY[] AS BIGINT[]) FROM sha1_input UNION ALL SELECT CASE WHEN s.t = 79 THEN s.blk + 1 ELSE s.blk END, CASE WHEN s.t = 79 THEN 0 ELSE s.t + 1 END, CASE WHEN s.t = 79 THEN (s.h0 + r.temp) & 4294967295 ELSE s.h0 END, CASE WHEN s.t = 79 THEN (s.h1 + s.a) & 4294967295 ELSE s.h1 END, CASE WHEN s.t = 79 THEN (s.h2 + r.rb) & 4294967295 ELSE s.h2 END, CASE WHEN s.t = 79 THEN (s.h3 + s.c) & 4294967295 ELSE s.h3 END, CASE WHEN s.t = 79 THEN (s.h4 + s.d) & 4294967295 ELSE s.h4 END, CASE WHEN s.t = 79 THEN (s.h0 + r.temp) & 4294967295 ELSE r.temp END, CASE WHEN s.t = 79 THEN (s.h1 + s.a) & 4294967295 ELSE s.a END, CASE WHEN s.t = 79 THEN (s.h2 + r.rb) & 4294967295 ELSE r.rb END, CASE WHEN s.t = 79 THEN (s.h3 + s.c) & 4294967295 ELSE s.c END, CASE WHEN s.t = 79 THEN (s.h4 + s.d) & 4294967295 ELSE s.d END, CASE WHEN s.t = 79 THEN CAST(ARRAY[] AS BIGINT[]) ELSE s.w || q.wt END FROM sha1_steps AS s CROSS JOIN sha1_input AS i CROSS JOIN LATERAL (SELECT CASE WHEN s.t < 16 THEN ((CAST(get_byte(i.p, s.blk * 64 + 4 * s.t + 0) AS BIGINT) << 24) | (CAST(get_byte(i.p, s.blk * 64 + 4 * s.t + 1) AS BIGINT) << 16) | (CAST(get_byte(i.p, s.blk * 64 + 4 * s.t + 2) AS BIGINT) << 8) | CAST(get_byte(i.p, s.blk * 64 + 4 * s.t + 3) AS BIGINT)) ELSE ((((s.w[s.t - 2] # s.w[s.t - 7] # s.w[s.t - 13] # s.w[s.t - 15]) << 1) | ((s.w[s.t - 2] # s.w[s.t - 7] # s.w[s.t - 13] # s.w[s.t - 15]) >> 31)) & 4294967295) END AS wt, (((s.b << 30) | (s.b >> 2)) & 4294967295) AS rb) AS q CROSS JOIN LATERAL (SELECT ((((s.a << 5) | (s.a >> 27)) & 4294967295) + (CASE WHEN s.t < 20 THEN (((s.b & s.c) | ((s.b # 4294967295) & s.d)) + 1518500249) WHEN s.t < 40 THEN ((s.b # s.c # s.d) + 1859775393) WHEN s.t < 60 THEN (((s.b & s.c) | (s.b & s.d) | (s.c & s.d)) + 2400959708) ELSE ((s.b # s.c # s.d) + 3395469782) END) + s.e + q.wt) & 4294967295 AS temp, q.rb AS rb) AS r WHERE s.blk < length(i.p) / 64) SELECT lpad(to_hex(h0), 8, '0') || lpad(to_hex(h1), 8, '0') || lpad(to_hex(h2), 8, '0') || lpad(to_hex(h3), 8, '0') || lpad(to_hex(h4), 8, '0') FROM sha1_steps CROSS JOIN sha1_input WHERE blk = length(p) / 64) AS "sha1_empty"
FROM "customers"
ORDER BY "customers"."id" ASC
LIMIT $3;
-- parameters: '–long text––long text––long text––long text––long text––long text–', '', 6
-- columns: id integer, sha1 text, sha1_long text, md5_long text, sha256_long text, sha1_boolean text, sha1_empty text

-- case: crc32_and_soundex
SELECT "customers"."id", (WITH RECURSIVE crc32_steps (i, crc, b) AS (SELECT 0, CAST(4294967295 AS BIGINT), convert_to(CAST("customers"."name" AS TEXT), 'UTF8') UNION ALL SELECT i + 1, ((CASE WHEN i % 8 = 0 THEN crc # get_byte(b, i / 8) ELSE crc END) >> 1) # (CASE WHEN (CASE WHEN i % 8 = 0 THEN crc # get_byte(b, i / 8) ELSE crc END) & 1 = 1 THEN 3988292384 ELSE 0 END), b FROM crc32_steps WHERE i < 8 * length(b)) SELECT crc # 4294967295 FROM crc32_steps WHERE i = 8 * length(b)) AS "crc", (WITH RECURSIVE crc32_steps (i, crc, b) AS (SELECT 0, CAST(4294967295 AS BIGINT), convert_to(CAST("customers"."active" AS TEXT), 'UTF8') UNION ALL SELECT i + 1, ((CASE WHEN i % 8 = 0 THEN crc # get_byte(b, i / 8) ELSE crc END) >> 1) # (CASE WHEN (CASE WHEN i % 8 = 0 THEN crc # get_byte(b, i / 8) ELSE crc END) & 1 = 1 THEN 3988292384 ELSE 0 END), b FROM crc32_steps WHERE i < 8 * length(b)) SELECT crc # 4294967295 FROM crc32_steps WHERE i = 8 * length(b)) AS "crc_boolean", (WITH RECURSIVE crc32_steps (i, crc, b) AS (SELECT 0, CAST(4294967295 AS BIGINT), convert_to(CAST(CAST("customers"."id" AS DOUBLE PRECISION) / $1 AS TEXT), 'UTF8') UNION ALL SELECT i + 1, ((CASE WHEN i % 8 = 0 THEN crc # get_byte(b, i / 8) ELSE crc END) >> 1) # (CASE WHEN (CASE WHEN i % 8 = 0 THEN crc # get_byte(b, i / 8) ELSE crc END) & 1 = 1 THEN 3988292384 ELSE 0 END), b FROM crc32_steps WHERE i < 8 * length(b)) SELECT crc # 4294967295 FROM crc32_steps WHERE i = 8 * length(b)) AS "crc_real", (WITH RECURSIVE crc32_steps (i, crc, b) AS (SELECT 0, CAST(4294967295 AS BIGINT), $2 UNION ALL SELECT i + 1, ((CASE WHEN i % 8 = 0 THEN crc # get_byte(b, i / 8) ELSE crc END) >> 1) # (CASE WHEN (CASE WHEN i % 8 = 0 THEN crc # get_byte(b, i / 8) ELSE crc END) & 1 = 1 THEN 3988292384 ELSE 0 END), b FROM crc32_steps WHERE i < 8 * length(b)) SELECT crc # 4294967295 FROM crc32_steps WHERE i = 8 * length(b)) AS "crc_blob", (WITH RECURSIVE crc32_steps (i, crc, b) AS (SELECT 0, CAST(4294967295 AS BIGINT), convert_to(CAST("customers"."email" AS TEXT), 'UTF8') UNION ALL SELECT i + 1, ((CASE WHEN i % 8 = 0 THEN crc # get_byte(b, i / 8) ELSE crc END) >> 1) # (CASE WHEN (CASE WHEN i % 8 = 0 THEN crc # get_byte(b, i / 8) ELSE crc END) & 1 = 1 THEN 3988292384 ELSE 0 END), b FROM crc32_steps WHERE i < 8 * length(b)) SELECT crc # 4294967295 FROM crc32_steps WHERE i = 8 * length(b)) AS "crc_email", (SELECT CASE WHEN u = '' THEN '' ELSE left(u, 1) || rpad(left(replace(substr(regexp_replace(replace(translate(left(u, 1), 'AEIOUYHWBFPVCGJKQSXZDTLMNR', '00000000111122222222334556') || translate(substr(u, 2), 'AEIOUYHWBFPVCGJKQSXZDTLMNR', '00000099111122222222334556'), '9', ''), '(.)\1+', '\1', 'g'), 2), '0', ''), 3), 3, '0') END FROM (SELECT regexp_replace(upper( CAST("customers"."name" AS TEXT) ), '[^A-Z]', '', 'g') AS u) AS soundex_input) AS "soundex", (SELECT CASE WHEN u = '' THEN '' ELSE left(u, 1) || rpad(left(replace(substr(regexp_replace(replace(translate(left(u, 1), 'AEIOUYHWBFPVCGJKQSXZDTLMNR', '00000000111122222222334556') || translate(substr(u, 2), 'AEIOUYHWBFPVCGJKQSXZDTLMNR', '00000099111122222222334556'), '9', ''), '(.)\1+', '\1', 'g'), 2), '0', ''), 3), 3, '0') END FROM (SELECT regexp_replace(upper( CAST($3 AS TEXT) ), '[^A-Z]', '', 'g') AS u) AS soundex_input) AS "ashcraft", (SELECT CASE WHEN u = '' THEN '' ELSE left(u, 1) || rpad(left(replace(substr(regexp_replace(replace(translate(left(u, 1), 'AEIOUYHWBFPVCGJKQSXZDTLMNR', '00000000111122222222334556') || translate(substr(u, 2), 'AEIOUYHWBFPVCGJKQSXZDTLMNR', '00000099111122222222334556'), '9', ''), '(.)\1+', '\1', 'g'), 2), '0', ''), 3), 3, '0') END FROM (SELECT regexp_replace(upper( CAST($4 AS TEXT) ), '[^A-Z]', '', 'g') AS u) AS soundex_input) AS "pfister", (SELECT CASE WHEN u = '' THEN '' ELSE left(u, 1) || rpad(left(replace(substr(regexp_replace(replace(translate(left(u, 1), 'AEIOUYHWBFPVCGJKQSXZDTLMNR', '00000000111122222222334556') || translate(substr(u, 2), 'AEIOUYHWBFPVCGJKQSXZDTLMNR', '00000099111122222222334556'), '9', ''), '(.)\1+', '\1', 'g'), 2), '0', ''), 3), 3, '0') END FROM (SELECT regexp_replace(upper( CAST($5 AS TEXT) ), '[^A-Z]', '', 'g') AS u) AS soundex_input) AS "wu_lee", (SELECT CASE WHEN u = '' THEN '' ELSE left(u, 1) || rpad(left(replace(substr(regexp_replace(replace(translate(left(u, 1), 'AEIOUYHWBFPVCGJKQSXZDTLMNR', '00000000111122222222334556') || translate(substr(u, 2), 'AEIOUYHWBFPVCGJKQSXZDTLMNR', '00000099111122222222334556'), '9', ''), '(.)\1+', '\1', 'g'), 2), '0', ''), 3), 3, '0') END FROM (SELECT regexp_replace(upper( CAST($6 AS TEXT) ), '[^A-Z]', '', 'g') AS u) AS soundex_input) AS "no_letter"
FROM "customers"
ORDER BY "customers"."id" ASC
LIMIT $7;
-- parameters: 2, x'00ff10', 'Ashcraft', 'Pfister', '12 Wu-Lee', '99', 12
-- columns: id integer, crc integer, crc_boolean integer, crc_real integer, crc_blob integer, crc_email integer, soundex text, ashcraft text, pfister text, wu_lee text, no_letter text

-- case: hash
SELECT "customers"."id", hashtextextended(concat_ws(chr(31), CAST("customers"."name" AS TEXT)), 0) AS "name", hashtextextended(concat_ws(chr(31), CAST("customers"."id" AS TEXT), CAST("customers"."country" AS TEXT)), 0) AS "pair", hashtextextended(concat_ws(chr(31), CAST("customers"."email" AS TEXT), CAST("customers"."id" AS TEXT)), 0) AS "with_null", hashtextextended(concat_ws(chr(31), CAST("customers"."active" AS TEXT)), 0) AS "boolean", hashtextextended(concat_ws(chr(31), CAST(CAST("customers"."id" AS DOUBLE PRECISION) / $1 AS TEXT)), 0) AS "real", hashtextextended(concat_ws(chr(31), CAST(substr("customers"."name", CAST($2 AS INTEGER), CAST("customers"."id" % $3 AS INTEGER)) AS TEXT)), 0) AS "prefix"
FROM "customers"
ORDER BY "customers"."id" ASC
LIMIT $4;
-- parameters: 2, 1, 14, 30
-- columns: id integer, name integer, pair integer, with_null integer, boolean integer, real integer, prefix integer

-- case: arrays
SELECT "products"."id", CAST(array_to_json(ARRAY ["products"."id", "products"."stock"]) AS TEXT) AS "pair", json_array_length(CAST(CAST(array_to_json(string_to_array("products"."name", $1)) AS TEXT) AS JSON)) AS "words", CAST(CAST(array_to_json(ARRAY ["products"."id", "products"."stock"]) AS TEXT) AS JSONB) @> jsonb_build_array($2) AS "has_one"
FROM "products"
WHERE "products"."id" < $3
ORDER BY "products"."id" ASC;
-- parameters: ' ', 1, 4
-- columns: id integer, pair json, words integer, has_one boolean

-- case: array_functions
SELECT "products"."id", (
  SELECT e.value #>> '{}' FROM jsonb_array_elements( CAST(CAST(array_to_json(ARRAY ["products"."stock", "products"."id", "products"."stock"]) AS TEXT) AS JSONB) ) WITH ORDINALITY AS e (value, ordinality) WHERE e.value <> 'null' ORDER BY e.value DESC LIMIT 1
) AS "max", (
  SELECT e.value #>> '{}' FROM jsonb_array_elements( CAST(CAST(array_to_json(ARRAY ["products"."stock", "products"."id", "products"."stock"]) AS TEXT) AS JSONB) ) WITH ORDINALITY AS e (value, ordinality) WHERE e.value <> 'null' ORDER BY e.value ASC LIMIT 1
) AS "min", (
  SELECT sum(CAST(e.value #>> '{}' AS DOUBLE PRECISION)) FROM jsonb_array_elements( CAST(CAST(array_to_json(ARRAY ["products"."stock", "products"."id", "products"."stock"]) AS TEXT) AS JSONB) ) WITH ORDINALITY AS e (value, ordinality) WHERE jsonb_typeof(e.value) = 'number'
) AS "sum", coalesce((
  SELECT e.ordinality FROM jsonb_array_elements( CAST(CAST(array_to_json(ARRAY ["products"."stock", "products"."id", "products"."stock"]) AS TEXT) AS JSONB) ) WITH ORDINALITY AS e (value, ordinality) WHERE e.value = to_jsonb("products"."id") ORDER BY e.ordinality LIMIT 1
), 0) AS "position", regexp_replace(CAST(CAST(CAST(array_to_json(ARRAY ["products"."stock", "products"."id", "products"."stock"]) AS TEXT) AS JSONB) || jsonb_build_array($1) AS TEXT), '("(?:[^"\\]|\\.)*")| +', '\1', 'g') AS "appended", regexp_replace(CAST(jsonb_build_array($1) || CAST(CAST(array_to_json(ARRAY ["products"."stock", "products"."id", "products"."stock"]) AS TEXT) AS JSONB) AS TEXT), '("(?:[^"\\]|\\.)*")| +', '\1', 'g') AS "prepended", regexp_replace(CAST((
  SELECT coalesce(jsonb_agg(e.value ORDER BY e.ordinality), '[]') FROM jsonb_array_elements( CAST(CAST(array_to_json(ARRAY ["products"."stock", "products"."id", "products"."stock"]) AS TEXT) AS JSONB) ) WITH ORDINALITY AS e (value, ordinality) WHERE e.value <> to_jsonb("products"."id")
) AS TEXT), '("(?:[^"\\]|\\.)*")| +', '\1', 'g') AS "removed", regexp_replace(CAST((
  SELECT coalesce(jsonb_agg(e.value ORDER BY e.ordinality), '[]') FROM (SELECT DISTINCT ON (e.value) e.value, e.ordinality FROM jsonb_array_elements( CAST(CAST(array_to_json(ARRAY ["products"."stock", "products"."id", "products"."stock"]) AS TEXT) AS JSONB) ) WITH ORDINALITY AS e (value, ordinality) ORDER BY e.value, e.ordinality) AS e
) AS TEXT), '("(?:[^"\\]|\\.)*")| +', '\1', 'g') AS "distinct", regexp_replace(CAST((
  SELECT coalesce(jsonb_agg(e.value ORDER BY e.value = 'null', e.value), '[]') FROM jsonb_array_elements( CAST(CAST(array_to_json(ARRAY ["products"."stock", "products"."id", "products"."stock"]) AS TEXT) AS JSONB) ) WITH ORDINALITY AS e (value, ordinality)
) AS TEXT), '("(?:[^"\\]|\\.)*")| +', '\1', 'g') AS "sorted"
FROM "products"
WHERE "products"."id" < $2
ORDER BY "products"."id" ASC;
-- parameters: 7, 4
-- columns: id integer, max text, min text, sum real, position integer, appended json, prepended json, removed json, distinct json, sorted json

-- case: select_expr_and_where_string
SELECT "orders"."id", "orders"."amount" * $1 AS "double_amount", upper("orders"."status") AS "s", length("orders"."status") AS "n"
FROM "orders"
WHERE "orders"."amount" > $2 AND "orders"."status" IN ($3, $4) AND NOT ("orders"."customer_id" BETWEEN $5 AND $6)
ORDER BY "orders"."id" ASC;
-- parameters: 2, 1500, 'paid', 'shipped', 3, 5
-- columns: id integer, double_amount real, s text, n integer

-- case: select_expr_case_and_cast
SELECT "orders"."id", CASE WHEN "orders"."amount" > $1 THEN $2 WHEN "orders"."amount" > $3 THEN $4 ELSE $5 END AS "size", CAST(trunc("orders"."amount") AS BIGINT) AS "whole", CAST("orders"."amount" / $6 AS NUMERIC(10, 2)) AS "seventh"
FROM "orders"
WHERE CASE WHEN "orders"."status" = $7 THEN "orders"."amount" ELSE $8 END > $9
ORDER BY "orders"."id" ASC
LIMIT $10;
-- parameters: 2000, 'large', 1500, 'medium', 'small', 7, 'paid', 0, 1000, 8
-- columns: id integer, size text, whole integer, seventh decimal

-- case: join_on_two_names
SELECT "t1"."order_id", "t1"."k", "t2"."quantity"
FROM (
  SELECT "orders"."id" AS "order_id", "orders"."customer_id" % $1 AS "k"
  FROM "orders"
) AS "t1"
JOIN (
  SELECT "order_items"."order_id", "order_items"."product_id" % $1 AS "k", "order_items"."quantity"
  FROM "order_items"
) AS "t2" ON "t1"."order_id" = "t2"."order_id" AND "t1"."k" = "t2"."k"
ORDER BY "t1"."order_id" ASC, "t1"."k" ASC, "t2"."quantity" ASC
LIMIT $2;
-- parameters: 3, 10
-- columns: order_id integer, k integer, quantity integer

-- case: right_join
SELECT "customers"."id" AS "customer", "t1"."id" AS "order"
FROM (
  SELECT *
  FROM "orders"
  WHERE "orders"."id" < $1
) AS "t1"
RIGHT JOIN "customers" ON "t1"."customer_id" = "customers"."id"
ORDER BY "customers"."id" ASC, "t1"."id" ASC NULLS FIRST
LIMIT $2;
-- parameters: 5, 8
-- columns: customer integer, order integer

-- case: full_join_using
SELECT coalesce("t1"."id", "t2"."id") AS "id", "t1"."amount", "t2"."country"
FROM (
  SELECT "orders"."customer_id" AS "id", "orders"."amount"
  FROM "orders"
  WHERE "orders"."id" < $1
) AS "t1"
FULL JOIN (
  SELECT "customers"."id", "customers"."country"
  FROM "customers"
  WHERE "customers"."id" < $2
) AS "t2" ON "t1"."id" = "t2"."id"
ORDER BY coalesce("t1"."id", "t2"."id") ASC NULLS FIRST, "t1"."amount" ASC NULLS FIRST;
-- parameters: 4, 10
-- columns: id integer, amount real, country text

-- case: cross_join
SELECT "t1"."a", "t2"."b"
FROM (
  SELECT "products"."id" AS "a"
  FROM "products"
  WHERE "products"."id" < $1
) AS "t1"
CROSS JOIN (
  SELECT "products"."id" AS "b"
  FROM "products"
  WHERE "products"."id" < $1
) AS "t2"
ORDER BY "t1"."a" ASC, "t2"."b" ASC;
-- parameters: 3
-- columns: a integer, b integer

-- case: semi_and_anti_join
SELECT "customers"."id"
FROM "customers"
WHERE EXISTS (
  SELECT 1
  FROM (
    SELECT *
    FROM "orders"
    WHERE "orders"."amount" > $1
  ) AS "t1"
  WHERE "customers"."id" = "t1"."customer_id"
) AND NOT EXISTS (
  SELECT 1
  FROM (
    SELECT *
    FROM "orders"
    WHERE "orders"."status" = $2
  ) AS "t2"
  WHERE "customers"."id" = "t2"."customer_id"
)
ORDER BY "customers"."id" ASC;
-- parameters: 1500, 'cancelled'
-- columns: id integer

-- case: window_frames
SELECT "orders"."id", sum("orders"."amount") OVER (PARTITION BY "orders"."customer_id" ORDER BY "orders"."id" ASC ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS "moving", count(*) OVER (PARTITION BY "orders"."customer_id" ORDER BY "orders"."id" ASC RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS "running", last_value("orders"."id") OVER (PARTITION BY "orders"."customer_id" ORDER BY "orders"."id" ASC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "last"
FROM "orders"
WHERE "orders"."customer_id" < $1
ORDER BY "orders"."id" ASC;
-- parameters: 3
-- columns: id integer, moving real, running integer, last integer

-- case: json_functions
SELECT "customers"."id", CASE WHEN jsonb_typeof(jsonb_path_query_first(CAST(CAST($1 AS TEXT) || "customers"."country" || CAST($2 AS TEXT) || CAST("customers"."id" AS TEXT) || CAST($3 AS TEXT) AS JSONB), CAST($4 AS JSONPATH), '{}', true)) IN ('object', 'array') THEN regexp_replace(CAST(jsonb_path_query_first(CAST(CAST($1 AS TEXT) || "customers"."country" || CAST($2 AS TEXT) || CAST("customers"."id" AS TEXT) || CAST($3 AS TEXT) AS JSONB), CAST($4 AS JSONPATH), '{}', true) AS TEXT), '("(?:[^"\\]|\\.)*")| +', '\1', 'g') ELSE (jsonb_path_query_first(CAST(CAST($1 AS TEXT) || "customers"."country" || CAST($2 AS TEXT) || CAST("customers"."id" AS TEXT) || CAST($3 AS TEXT) AS JSONB), CAST($4 AS JSONPATH), '{}', true)) #>> '{}' END AS "name", CASE WHEN jsonb_typeof(jsonb_path_query_first(CAST(CAST($1 AS TEXT) || "customers"."country" || CAST($2 AS TEXT) || CAST("customers"."id" AS TEXT) || CAST($3 AS TEXT) AS JSONB), CAST($5 AS JSONPATH), '{}', true)) IN ('object', 'array') THEN regexp_replace(CAST(jsonb_path_query_first(CAST(CAST($1 AS TEXT) || "customers"."country" || CAST($2 AS TEXT) || CAST("customers"."id" AS TEXT) || CAST($3 AS TEXT) AS JSONB), CAST($5 AS JSONPATH), '{}', true) AS TEXT), '("(?:[^"\\]|\\.)*")| +', '\1', 'g') ELSE (jsonb_path_query_first(CAST(CAST($1 AS TEXT) || "customers"."country" || CAST($2 AS TEXT) || CAST("customers"."id" AS TEXT) || CAST($3 AS TEXT) AS JSONB), CAST($5 AS JSONPATH), '{}', true)) #>> '{}' END AS "n", CASE WHEN jsonb_typeof(jsonb_path_query_first(CAST($6 AS JSONB), CAST($7 AS JSONPATH), '{}', true)) IN ('object', 'array') THEN regexp_replace(CAST(jsonb_path_query_first(CAST($6 AS JSONB), CAST($7 AS JSONPATH), '{}', true) AS TEXT), '("(?:[^"\\]|\\.)*")| +', '\1', 'g') ELSE (jsonb_path_query_first(CAST($6 AS JSONB), CAST($7 AS JSONPATH), '{}', true)) #>> '{}' END AS "ok", CASE WHEN jsonb_typeof(jsonb_path_query_first(CAST($6 AS JSONB), CAST($8 AS JSONPATH), '{}', true)) IN ('object', 'array') THEN regexp_replace(CAST(jsonb_path_query_first(CAST($6 AS JSONB), CAST($8 AS JSONPATH), '{}', true) AS TEXT), '("(?:[^"\\]|\\.)*")| +', '\1', 'g') ELSE (jsonb_path_query_first(CAST($6 AS JSONB), CAST($8 AS JSONPATH), '{}', true)) #>> '{}' END AS "no", regexp_replace(CAST(jsonb_build_array(CAST(CAST($1 AS TEXT) || "customers"."country" || CAST($2 AS TEXT) || CAST("customers"."id" AS TEXT) || CAST($3 AS TEXT) AS JSONB) -> CAST($9 AS TEXT), CAST(CAST($1 AS TEXT) || "customers"."country" || CAST($2 AS TEXT) || CAST("customers"."id" AS TEXT) || CAST($3 AS TEXT) AS JSONB) -> CAST($10 AS TEXT)) AS TEXT), '("(?:[^"\\]|\\.)*")| +', '\1', 'g') AS "tuple", json_array_length(CAST(CAST(array_to_json(ARRAY ["customers"."id", "customers"."id"]) AS TEXT) AS JSON)) AS "length"
FROM "customers"
WHERE "customers"."id" < $11
ORDER BY "customers"."id" ASC;
-- parameters: '{"name": "', '", "n": ', '}', 'strict $.name', 'strict $.n', '{"ok": true, "no": null}', 'strict $.ok', 'strict $.no', 'name', 'n', 4
-- columns: id integer, name text, n text, ok text, no text, tuple json, length integer

-- case: json_not_an_array
SELECT "customers"."id", CASE json_typeof(CAST($1 AS JSON)) WHEN 'array' THEN json_array_length(CAST($1 AS JSON)) END AS "object_length", CASE json_typeof(CAST($2 AS JSON)) WHEN 'array' THEN json_array_length(CAST($2 AS JSON)) END AS "string_length", CASE json_typeof(CAST(regexp_replace(CAST(CAST($3 AS JSONB) AS TEXT), '("(?:[^"\\]|\\.)*")| +', '\1', 'g') AS JSON)) WHEN 'array' THEN json_array_length(CAST(regexp_replace(CAST(CAST($3 AS JSONB) AS TEXT), '("(?:[^"\\]|\\.)*")| +', '\1', 'g') AS JSON)) END AS "array_length", CASE jsonb_typeof(CAST(regexp_replace(CAST(CAST($1 AS JSONB) AS TEXT), '("(?:[^"\\]|\\.)*")| +', '\1', 'g') AS JSONB)) WHEN 'array' THEN CAST(regexp_replace(CAST(CAST($1 AS JSONB) AS TEXT), '("(?:[^"\\]|\\.)*")| +', '\1', 'g') AS JSONB) @> jsonb_build_array($4) END AS "contains", CASE json_typeof(CAST($5 AS JSON)) WHEN 'array' THEN json_array_length(CAST($5 AS JSON)) END AS "nested_length"
FROM "customers"
WHERE "customers"."id" < $6
ORDER BY "customers"."id" ASC;
-- parameters: '{"a": 1}', '"text"', '{"a": [1, 2]}', 1, '[1, [2, 3]]', 3
-- columns: id integer, object_length integer, string_length integer, array_length integer, contains boolean, nested_length integer

-- case: window_in_where
SELECT "t1"."customer_id", "t1"."id"
FROM (
  SELECT "orders"."id", "orders"."customer_id", "orders"."status", "orders"."amount", "orders"."ordered_at", row_number() OVER (PARTITION BY "orders"."customer_id" ORDER BY "orders"."id" ASC) AS "__moltres_window_1"
  FROM "orders"
) AS "t1"
WHERE "t1"."__moltres_window_1" = $1
ORDER BY "t1"."customer_id" ASC
LIMIT $2;
-- parameters: 1, 5
-- columns: customer_id integer, id integer

-- case: date_and_boolean_literals
SELECT "orders"."id"
FROM "orders"
JOIN "customers" ON "orders"."customer_id" = "customers"."id"
WHERE "orders"."ordered_at" >= $1 AND "orders"."ordered_at" < $2 AND "customers"."active" = $3
ORDER BY "orders"."id" ASC;
-- parameters: '2024-06-01', '2024-07-01', true
-- columns: id integer

-- case: distinct_then_select_and_set_then_sort
SELECT *
FROM (
  SELECT "t1"."status"
  FROM (
    SELECT DISTINCT "orders"."status", "orders"."customer_id"
    FROM "orders"
  ) AS "t1"
  UNION
  SELECT "customers"."country"
  FROM "customers"
) AS "t2"
ORDER BY "t2"."status" DESC
LIMIT $1;
-- parameters: 4
-- columns: status text

-- case: sample
SELECT "orders"."id"
FROM "orders"
WHERE random() < $1;
-- parameters: 0.5
-- columns: id integer

-- case: raw_sql_source
SELECT *
FROM (
  SELECT id, amount FROM orders WHERE amount > $1
) AS "t1"
WHERE "t1"."id" < $2
ORDER BY "t1"."id" ASC NULLS FIRST;
-- parameters: 1500, 100
-- columns: 

-- case: hostile_values
SELECT "customers"."id"
FROM "customers"
WHERE "customers"."name" = $1;
-- parameters: 'x''; DROP TABLE customers; --'
-- columns: id integer

-- case: monotonically_increasing_id
SELECT row_number() OVER () AS "n", "products"."id"
FROM "products"
ORDER BY "products"."id" ASC
LIMIT $1;
-- parameters: 3
-- columns: n integer, id integer

-- case: monotonically_increasing_id_ordered
SELECT row_number() OVER (ORDER BY "products"."id" DESC) AS "n", "products"."id"
FROM "products"
ORDER BY "products"."id" ASC
LIMIT $1;
-- parameters: 3
-- columns: n integer, id integer

-- case: monotonically_increasing_id_filtered
SELECT "t1"."id", "t1"."n"
FROM (
  SELECT "products"."id", "products"."name", "products"."category", "products"."price", "products"."stock", row_number() OVER () AS "n"
  FROM "products"
) AS "t1"
WHERE "t1"."n" <= $1
ORDER BY "t1"."id" ASC;
-- parameters: 2
-- columns: id integer, n integer

-- case: union_by_name
SELECT *
FROM (
  SELECT "orders"."id", "orders"."amount"
  FROM "orders"
  WHERE "orders"."id" <= $1
  UNION ALL
  SELECT "orders"."id", "orders"."amount"
  FROM "orders"
  WHERE "orders"."id" <= $2
) AS "t1"
ORDER BY "t1"."id" ASC, "t1"."amount" ASC;
-- parameters: 3, 2
-- columns: id integer, amount real

-- case: union_by_name_allow_missing
SELECT *
FROM (
  SELECT "customers"."id", "customers"."name", CAST(NULL AS DOUBLE PRECISION) AS "price"
  FROM "customers"
  WHERE "customers"."id" <= $1
  UNION ALL
  SELECT "products"."id", CAST(NULL AS TEXT) AS "name", "products"."price"
  FROM "products"
  WHERE "products"."id" <= $2
) AS "t1"
ORDER BY "t1"."id" ASC, "t1"."name" ASC NULLS FIRST, "t1"."price" ASC NULLS FIRST;
-- parameters: 3, 2
-- columns: id integer, name text, price real

-- case: select_for_update
SELECT "orders"."id", "orders"."amount"
FROM "orders"
WHERE "orders"."amount" > $1
ORDER BY "orders"."id" ASC
LIMIT $2
FOR UPDATE;
-- parameters: 1000, 5
-- columns: id integer, amount real

-- case: select_for_update_skip_locked
SELECT "orders"."id"
FROM "orders"
WHERE "orders"."status" = $1
ORDER BY "orders"."id" ASC
LIMIT $2
FOR UPDATE OF "orders" SKIP LOCKED;
-- parameters: 'shipped', 3
-- columns: id integer

-- case: select_for_share_nowait
SELECT "customers"."id"
FROM "customers"
ORDER BY "customers"."id" ASC
LIMIT $1
FOR SHARE NOWAIT;
-- parameters: 3
-- columns: id integer

-- case: select_for_update_then_group
SELECT "t1"."status", count(*) AS "n"
FROM (
  SELECT *
  FROM "orders"
  FOR UPDATE
) AS "t1"
GROUP BY "t1"."status"
ORDER BY "t1"."status" ASC;
-- parameters: 
-- columns: status text, n integer

-- case: lateral_join_latest_order
SELECT "customers"."id", "t1"."order_id", "t1"."amount"
FROM "customers"
CROSS JOIN LATERAL (
  SELECT "orders"."id" AS "order_id", "orders"."amount"
  FROM "orders"
  WHERE "orders"."customer_id" = "customers"."id"
  ORDER BY "orders"."amount" DESC, "orders"."id" ASC
  LIMIT $1
) AS "t1"
ORDER BY "customers"."id" ASC
LIMIT $2;
-- parameters: 1, 10
-- columns: id integer, order_id integer, amount real

-- case: lateral_left_join_on
SELECT "customers"."id", "t1"."order_id"
FROM "customers"
LEFT JOIN LATERAL (
  SELECT "orders"."id" AS "order_id", "orders"."amount"
  FROM "orders"
  WHERE "orders"."customer_id" = "customers"."id"
) AS "t1" ON "t1"."amount" > $1
ORDER BY "customers"."id" ASC, "t1"."order_id" ASC NULLS FIRST
LIMIT $2;
-- parameters: 1500, 10
-- columns: id integer, order_id integer

-- case: join_hints
/*+ IndexScan(orders) x * / DROP TABLE customers; / * y / * / nul end */ SELECT "orders"."id", "customers"."country"
FROM "orders"
JOIN "customers" ON "orders"."customer_id" = "customers"."id"
ORDER BY "orders"."id" ASC
LIMIT $1;
-- parameters: 3
-- columns: id integer, country text

-- case: insert_rows
INSERT INTO "products" ("id", "name", "category", "price", "stock")
VALUES ($1, $2, $3, $4, $5),
       ($6, $7, $8, $9, $10);
-- parameters: 100, 'Cable "x"', 'it''s', 9.5, 3, 101, 'Lamp', 'office', 19.0, 0

-- case: update_with_expression
UPDATE "products"
SET "price" = "products"."price" * $1, "stock" = $2
WHERE "products"."category" = $3;
-- parameters: 2, 0, 'audio'

-- case: delete_where
DELETE FROM "order_items"
WHERE "order_items"."quantity" = $1;
-- parameters: 3

-- case: upsert_update
INSERT INTO "products" ("id", "name", "category", "price", "stock")
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT ("id") DO UPDATE SET "stock" = "products"."stock" + "excluded"."stock", "price" = "excluded"."price";
-- parameters: 1, 'Keyboard', 'hardware', 10.0, 5

-- case: upsert_nothing
INSERT INTO "products" ("id", "name", "category", "price", "stock")
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT ("id") DO NOTHING;
-- parameters: 1, 'Keyboard', 'hardware', 10.0, 5

-- case: create_table
CREATE TABLE IF NOT EXISTS "audit ""log""" (
  "id" BIGINT NOT NULL,
  "note" TEXT NOT NULL DEFAULT 'it''s',
  "amount" NUMERIC(10, 2),
  "at" TIMESTAMP,
  "code" VARCHAR(8),
  "rate" NUMERIC(6, 3),
  PRIMARY KEY ("id"),
  CONSTRAINT "positive" CHECK ("amount" >= 0)
);
-- parameters: 

-- case: drop_table
DROP TABLE IF EXISTS "audit";
-- parameters: 

-- case: create_index
CREATE INDEX IF NOT EXISTS "orders_by_status" ON "orders" ("status", "amount");
-- parameters: 

-- case: insert_select
INSERT INTO "orders" ("id", "customer_id", "status", "amount", "ordered_at")
SELECT "orders"."id" + $1 AS "id", "orders"."customer_id", "orders"."status", "orders"."amount", "orders"."ordered_at"
FROM "orders"
WHERE "orders"."id" < $2;
-- parameters: 1000, 3
