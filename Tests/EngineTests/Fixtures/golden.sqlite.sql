-- case: filter_select
SELECT "orders"."id", "orders"."amount"
FROM "orders"
WHERE "orders"."amount" > ?
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
SELECT "orders"."id", "orders"."customer_id", row_number() OVER (PARTITION BY "orders"."customer_id" ORDER BY "orders"."ordered_at" ASC, "orders"."id" ASC) AS "rn", lag("orders"."amount", ?) OVER (PARTITION BY "orders"."customer_id" ORDER BY "orders"."ordered_at" ASC, "orders"."id" ASC) AS "previous"
FROM "orders"
ORDER BY "orders"."id" ASC;
-- parameters: 1
-- columns: id integer, customer_id integer, rn integer, previous real

-- case: cte
WITH "paid" AS (
  SELECT *
  FROM "orders"
  WHERE "orders"."status" = ?
)
SELECT "paid"."customer_id", sum("paid"."amount") AS "total"
FROM "paid"
GROUP BY "paid"."customer_id"
ORDER BY "paid"."customer_id" ASC;
-- parameters: 'paid'
-- columns: customer_id integer, total real

-- case: case_when
SELECT "orders"."id", CASE WHEN "orders"."amount" > ? THEN ? WHEN "orders"."amount" > ? THEN ? ELSE ? END AS "size"
FROM "orders"
ORDER BY "orders"."id" ASC;
-- parameters: 1000, 'large', 100, 'medium', 'small'
-- columns: id integer, size text

-- case: order_limit
SELECT *
FROM "orders"
ORDER BY "orders"."amount" DESC, "orders"."id" ASC
LIMIT ?;
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
LIMIT ?;
-- parameters: 10
-- columns: id integer, product text, customer text

-- case: thirty_step_chain
SELECT "orders"."id", "orders"."customer_id", "orders"."status", "orders"."amount", "orders"."ordered_at"
FROM "orders"
WHERE "orders"."amount" > ? AND "orders"."amount" + ? > ? AND "orders"."amount" + ? > ? AND "orders"."amount" + ? > ? AND "orders"."amount" + ? > ? AND "orders"."amount" + ? > ? AND "orders"."amount" + ? > ? AND "orders"."amount" + ? > ?
ORDER BY "orders"."id" ASC
LIMIT ?;
-- parameters: 10, 0, 5, 4, 5, 8, 5, 12, 5, 16, 5, 20, 5, 24, 5, 20
-- columns: id integer, customer_id integer, status text, amount real, ordered_at timestamp

-- case: where_after_limit
SELECT *
FROM (
  SELECT *
  FROM "orders"
  ORDER BY "orders"."id" ASC
  LIMIT ?
) AS "t1"
WHERE "t1"."amount" > ?
ORDER BY "t1"."id" ASC;
-- parameters: 10, 100
-- columns: id integer, customer_id integer, status text, amount real, ordered_at timestamp

-- case: where_after_agg
SELECT "orders"."status", sum("orders"."amount") AS "total"
FROM "orders"
GROUP BY "orders"."status"
HAVING sum("orders"."amount") > ?
ORDER BY "orders"."status" ASC;
-- parameters: 1000
-- columns: status text, total real

-- case: where_on_window
SELECT "t1"."customer_id", "t1"."id", "t1"."amount"
FROM (
  SELECT "orders"."id", "orders"."customer_id", "orders"."status", "orders"."amount", "orders"."ordered_at", row_number() OVER (PARTITION BY "orders"."customer_id" ORDER BY "orders"."amount" DESC, "orders"."id" ASC) AS "rn"
  FROM "orders"
) AS "t1"
WHERE "t1"."rn" = ?
ORDER BY "t1"."customer_id" ASC;
-- parameters: 1
-- columns: customer_id integer, id integer, amount real

-- case: with_column_renamed_after_with_column
SELECT "products"."id", "products"."price" * ? AS "dp"
FROM "products"
ORDER BY "products"."id" ASC
LIMIT ?;
-- parameters: 2, 3
-- columns: id integer, dp real

-- case: offset
SELECT *
FROM "orders"
ORDER BY "orders"."id" ASC
LIMIT ?
OFFSET ?;
-- parameters: 5, 10
-- columns: id integer, customer_id integer, status text, amount real, ordered_at timestamp

-- case: offset_after_limit
SELECT *
FROM "orders"
ORDER BY "orders"."id" ASC
LIMIT ?
OFFSET ?;
-- parameters: 2, 10
-- columns: id integer, customer_id integer, status text, amount real, ordered_at timestamp

-- case: desc_in_over
SELECT "orders"."id", sum("orders"."amount") OVER (ORDER BY "orders"."ordered_at" DESC, "orders"."id" DESC) AS "running"
FROM "orders"
ORDER BY "orders"."id" ASC
LIMIT ?;
-- parameters: 5
-- columns: id integer, running real

-- case: window_object
SELECT "orders"."id", avg("orders"."amount") OVER (PARTITION BY "orders"."customer_id" ORDER BY "orders"."amount" DESC, "orders"."id" ASC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS "avg_so_far"
FROM "orders"
ORDER BY "orders"."id" ASC
LIMIT ?;
-- parameters: 5
-- columns: id integer, avg_so_far real

-- case: when_without_otherwise
SELECT "orders"."id", CASE WHEN "orders"."status" = ? THEN ? END AS "paid"
FROM "orders"
ORDER BY "orders"."id" ASC
LIMIT ?;
-- parameters: 'paid', 1, 5
-- columns: id integer, paid integer

-- case: reflected_operators
SELECT "products"."id", ? - "products"."stock" AS "missing", ? * "products"."price" AS "double", CAST(? AS REAL) / nullif("products"."stock", 0) AS "inverse"
FROM "products"
ORDER BY "products"."id" ASC;
-- parameters: 100, 2, 1
-- columns: id integer, missing integer, double real, inverse real

-- case: aliases_kept
SELECT "customers"."id" % ? AS "parity", -"customers"."id" AS "negative", "customers"."email" IS NULL AS "no_email", instr("customers"."name", CAST(? AS TEXT)) > 0 AS "has_a", "customers"."id"
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
SELECT "orders"."status", round(avg("orders"."amount"), ?) AS "average"
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
LIMIT ?;
-- parameters: 10
-- columns: order_id integer, customer_id integer, product_id integer, quantity integer

-- case: join_on_pairs
SELECT "orders"."id", "customers"."name"
FROM "orders"
LEFT JOIN "customers" ON "orders"."customer_id" = "customers"."id"
ORDER BY "orders"."id" ASC
LIMIT ?;
-- parameters: 10
-- columns: id integer, name text

-- case: self_join_aliases
SELECT "a"."id" AS "first", "b"."id" AS "second"
FROM "orders" AS "a"
JOIN "orders" AS "b" ON "a"."customer_id" = "b"."customer_id" AND "a"."id" < "b"."id"
ORDER BY "a"."id" ASC, "b"."id" ASC
LIMIT ?;
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
  WHERE "orders"."customer_id" = "customers"."id" AND "orders"."amount" > ?
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
  WHERE "orders"."amount" > ?
)
ORDER BY "customers"."id" ASC;
-- parameters: 1500
-- columns: id integer

-- case: isin_list
SELECT "orders"."id"
FROM "orders"
WHERE "orders"."status" IN (?, ?)
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
    SELECT ? AS "n"
  ) AS "t1"
  UNION ALL
  SELECT "nums"."n" + ? AS "n"
  FROM "nums"
  WHERE "nums"."n" < ?
)
SELECT *
FROM "nums"
ORDER BY "nums"."n" ASC;
-- parameters: 1, 1, 10
-- columns: n integer

-- case: binding_used_twice
WITH "big" AS (
  SELECT *
  FROM "orders"
  WHERE "orders"."amount" > ?
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
WHERE "orders"."amount" > ?
ORDER BY "orders"."id" ASC;
-- parameters: 1000
-- columns: id integer

-- case: scalar_subquery
SELECT "products"."id"
FROM "products"
WHERE "products"."price" > (
  SELECT avg("products"."price") AS "avg(price)"
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
  WHERE "customers"."country" = ?
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
  LIMIT ?
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
WHERE "t1"."__moltres_row" = ?
ORDER BY "t1"."customer_id" ASC;
-- parameters: 1
-- columns: customer_id integer

-- case: group_by_expression
SELECT CAST(strftime('%m', "orders"."ordered_at") AS INTEGER) AS "month", count(*) AS "n"
FROM "orders"
GROUP BY CAST(strftime('%m', "orders"."ordered_at") AS INTEGER)
ORDER BY CAST(strftime('%m', "orders"."ordered_at") AS INTEGER) ASC;
-- parameters: 
-- columns: month integer, n integer

-- case: conditional_aggregate
SELECT "orders"."customer_id", sum("orders"."amount") FILTER (WHERE "orders"."status" = ?) AS "paid", count(CASE WHEN "orders"."status" = ? THEN ? END) AS "cancelled"
FROM "orders"
GROUP BY "orders"."customer_id"
ORDER BY "orders"."customer_id" ASC
LIMIT ?;
-- parameters: 'paid', 'cancelled', 1, 5
-- columns: customer_id integer, paid real, cancelled integer

-- case: pivot
SELECT "orders"."customer_id", sum(CASE WHEN "orders"."status" = ? THEN "orders"."amount" END) AS "paid", sum(CASE WHEN "orders"."status" = ? THEN "orders"."amount" END) AS "shipped"
FROM "orders"
GROUP BY "orders"."customer_id"
ORDER BY "orders"."customer_id" ASC
LIMIT ?;
-- parameters: 'paid', 'shipped', 5
-- columns: customer_id integer, paid real, shipped real

-- case: concat_types
SELECT "products"."id", "products"."name" || CAST(? AS TEXT) || moltres_real_text("products"."price") || CAST(? AS TEXT) || moltres_real_text("products"."stock" * ?) || CAST(? AS TEXT) || CASE WHEN "products"."price" > ? THEN 'true' WHEN NOT ("products"."price" > ?) THEN 'false' END || CAST(? AS TEXT) || ("products"."stock" + ?) || CAST(? AS TEXT) || (-"products"."stock") AS "joined"
FROM "products"
WHERE "products"."id" < ?
ORDER BY "products"."id" ASC;
-- parameters: ':', ':', 1.0, ':', 100, 100, ':', 1, ':', 6
-- columns: id integer, joined text

-- case: substring_positions
SELECT "products"."id", substr("products"."name", 1, ?) AS "zero", substr("products"."name", ?, ?) AS "from_end", substr("products"."name", ?, ?) AS "before_start", substr("products"."name", CASE WHEN "products"."id" - ? = 0 THEN 1 ELSE "products"."id" - ? END, ?) AS "varying", instr("products"."name", ?) AS "o_at", moltres_regexp_extract(?, ?, ?) AS "digits"
FROM "products"
WHERE "products"."id" < ?
ORDER BY "products"."id" ASC;
-- parameters: 2, -3, 2, -40, 38, 3, 3, 3, 'o', 'abc123def', '(\d+)', 1, 6
-- columns: id integer, zero text, from_end text, before_start text, varying text, o_at integer, digits text

-- case: round_negative_scale
SELECT "products"."id", round("products"."price" / 1e1) * 1e1 AS "tens", CAST(round("products"."stock" / 1e2) * 1e2 AS INTEGER) AS "hundreds", round(? / 1e2) * 1e2 AS "negative", CASE WHEN "products"."id" - ? < 0 THEN round("products"."price" / power(10.0, -("products"."id" - ?))) * power(10.0, -("products"."id" - ?)) ELSE round("products"."price", "products"."id" - ?) END AS "varying"
FROM "products"
WHERE "products"."id" < ?
ORDER BY "products"."id" ASC;
-- parameters: -1250.0, 3, 3, 3, 3, 6
-- columns: id integer, tens real, hundreds integer, negative real, varying real

-- case: collect_skips_nulls
SELECT "customers"."country", json_array_length(json_group_array("customers"."email") FILTER (WHERE "customers"."email" IS NOT NULL)) AS "emails", count("customers"."email") AS "counted", json_array_length(json_group_array(DISTINCT "customers"."email") FILTER (WHERE "customers"."email" IS NOT NULL)) AS "distinct_emails", json_group_array(CASE WHEN "customers"."id" < ? THEN "customers"."email" END) FILTER (WHERE CASE WHEN "customers"."id" < ? THEN "customers"."email" END IS NOT NULL) AS "none"
FROM "customers"
GROUP BY "customers"."country"
ORDER BY "customers"."country" ASC;
-- parameters: 0, 0
-- columns: country text, emails integer, counted integer, distinct_emails integer, none json

-- case: pivot_several_aggregates
SELECT "orders"."customer_id", sum(CASE WHEN "orders"."status" = ? THEN "orders"."amount" END) AS "paid_total", count(CASE WHEN "orders"."status" = ? THEN ? END) AS "paid_count(*)", max(CASE WHEN "orders"."status" = ? THEN "orders"."amount" END) AS "paid_max(amount)", sum(CASE WHEN "orders"."status" = ? THEN "orders"."amount" END) AS "shipped_total", count(CASE WHEN "orders"."status" = ? THEN ? END) AS "shipped_count(*)", max(CASE WHEN "orders"."status" = ? THEN "orders"."amount" END) AS "shipped_max(amount)"
FROM "orders"
GROUP BY "orders"."customer_id"
ORDER BY "orders"."customer_id" ASC
LIMIT ?;
-- parameters: 'paid', 'paid', 1, 'paid', 'shipped', 'shipped', 1, 'shipped', 5
-- columns: customer_id integer, paid_total real, paid_count(*) integer, paid_max(amount) real, shipped_total real, shipped_count(*) integer, shipped_max(amount) real

-- case: fillna_subset
SELECT "customers"."id", coalesce("customers"."email", ?) AS "email"
FROM "customers"
ORDER BY "customers"."id" ASC
LIMIT ?;
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
CROSS JOIN json_each(moltres_split("products"."name", ?)) AS "t1"
WHERE "products"."id" < ?
ORDER BY "products"."id" ASC, "t1"."value" ASC;
-- parameters: ' ', 4
-- columns: id integer, word text

-- case: explode_numbers
SELECT "products"."id", "t1"."value" AS "n"
FROM "products"
CROSS JOIN json_each(json_array("products"."id", "products"."stock")) AS "t1"
WHERE "products"."id" < ?
ORDER BY "products"."id" ASC, "t1"."value" ASC;
-- parameters: 4
-- columns: id integer, n integer

-- case: null_ordering
SELECT "customers"."id", "customers"."email"
FROM "customers"
ORDER BY "customers"."email" ASC, "customers"."id" ASC
LIMIT ?;
-- parameters: 12
-- columns: id integer, email text

-- case: null_ordering_desc
SELECT "customers"."id", "customers"."email"
FROM "customers"
ORDER BY "customers"."email" DESC, "customers"."id" ASC
LIMIT ?;
-- parameters: 12
-- columns: id integer, email text

-- case: null_ordering_explicit
SELECT "customers"."id", "customers"."email"
FROM "customers"
ORDER BY "customers"."email" ASC NULLS LAST, "customers"."id" ASC
LIMIT ?;
-- parameters: 12
-- columns: id integer, email text

-- case: division_and_casts
SELECT "products"."id", CAST("products"."stock" AS REAL) / ? AS "true_div", CAST(floor(CAST("products"."stock" AS REAL) / ?) AS INTEGER) AS "floor_div", CAST("products"."price" * ? AS INTEGER) AS "truncated", "products"."stock" % ? AS "rest"
FROM "products"
ORDER BY "products"."id" ASC;
-- parameters: 7, 7, 1.5, 7
-- columns: id integer, true_div real, floor_div integer, truncated integer, rest integer

-- case: like_and_friends
SELECT "customers"."id"
FROM "customers"
WHERE "customers"."name" GLOB ? OR moltres_lower("customers"."name") LIKE moltres_lower(?) OR substr("customers"."email", 1, length(CAST(? AS TEXT))) = CAST(? AS TEXT) OR length("customers"."name") >= length(CAST(? AS TEXT)) AND substr("customers"."name", length("customers"."name") - length(CAST(? AS TEXT)) + 1) = CAST(? AS TEXT) OR instr("customers"."name", CAST(? AS TEXT)) > 0
ORDER BY "customers"."id" ASC;
-- parameters: 'A*', '%LOVE%', 'ada', 'ada', 'son', 'son', 'son', '_'
-- columns: id integer

-- case: between_and_null_comparison
SELECT "customers"."id"
FROM "customers"
WHERE "customers"."id" BETWEEN ? AND ? AND "customers"."email" IS NULL
ORDER BY "customers"."id" ASC;
-- parameters: 5, 15
-- columns: id integer

-- case: string_functions
SELECT "customers"."id", moltres_upper("customers"."name") AS "upper", length("customers"."name") AS "length", substr("customers"."name", ?, ?) AS "sub", "customers"."name" || CAST(? AS TEXT) || "customers"."country" AS "joined", moltres_lpad("customers"."country", ?, ?) AS "padded", moltres_initcap(moltres_lower("customers"."name")) AS "initcap", replace("customers"."name", ?, ?) AS "replaced", instr("customers"."name", ?) AS "position", moltres_regexp_replace("customers"."name", ?, ?) AS "regexp"
FROM "customers"
ORDER BY "customers"."id" ASC
LIMIT ?;
-- parameters: 2, 3, '!', 4, '*', 'a', '4', 'a', '[aeiou]', '_', 10
-- columns: id integer, upper text, length integer, sub text, joined text, padded text, initcap text, replaced text, position integer, regexp text

-- case: array_element_types
SELECT "products"."id", json_array(CAST("products"."id" AS TEXT), "products"."name", moltres_real_text("products"."price")) AS "mixed", moltres_real_text(moltres_array_max(json_array("products"."price", "products"."stock"))) AS "highest", moltres_real_text(moltres_array_min(json_array("products"."name", "products"."category"))) AS "first_name", CAST(moltres_array_sum(json_array("products"."id", "products"."stock")) AS REAL) AS "total", CASE json_type(CASE WHEN json_array("products"."id", "products"."stock") IS NULL THEN NULL ELSE json_quote(json_array("products"."id", "products"."stock")) END) WHEN 'array' THEN json_array_length(CASE WHEN json_array("products"."id", "products"."stock") IS NULL THEN NULL ELSE json_quote(json_array("products"."id", "products"."stock")) END) END AS "length"
FROM "products"
WHERE "products"."id" < ?
ORDER BY "products"."id" ASC;
-- parameters: 5
-- columns: id integer, mixed json, highest text, first_name text, total real, length integer

-- case: date_format_patterns
SELECT "orders"."id", moltres_date_format("orders"."ordered_at", ?) AS "short", moltres_date_format("orders"."ordered_at", ?) AS "names", moltres_date_format("orders"."ordered_at", ?) AS "long_names", moltres_date_format("orders"."ordered_at", ?) AS "clock", moltres_date_format("orders"."ordered_at", ?) AS "unpadded", moltres_date_format(datetime("orders"."id" * ?, 'unixepoch'), ?) AS "epoch"
FROM "orders"
WHERE "orders"."id" < ?
ORDER BY "orders"."id" ASC;
-- parameters: 'dd/MM/yy', 'EEE MMM d, yyyy', 'EEEE d MMMM', 'h:mm a', 'hh ''o''''clock'' H:m:s M/d DDD', 40000000, 'MMM yyyy h a', 12
-- columns: id integer, short text, names text, long_names text, clock text, unpadded text, epoch timestamp

-- case: casts
SELECT "orders"."id", moltres_to_date("orders"."ordered_at") AS "day", moltres_to_timestamp("orders"."ordered_at") AS "at", CAST(moltres_to_date("orders"."ordered_at") AS TEXT) AS "day_text", moltres_to_integer(?) AS "int_text", moltres_to_integer(?) AS "signed", moltres_to_real(?) AS "real_text", moltres_to_boolean(?) AS "true_text", moltres_to_boolean(?) AS "off_text", "orders"."id" - ? <> 0 AS "nonzero", CAST("orders"."id" > ? AS INTEGER) AS "boolean_int", CASE WHEN "orders"."id" > ? THEN 'true' WHEN NOT ("orders"."id" > ?) THEN 'false' END AS "boolean_text", CAST("orders"."id" > ? AS REAL) AS "boolean_real", moltres_real_text("orders"."amount") AS "amount_text", moltres_real_text(CAST("orders"."id" AS REAL) * ?) AS "whole_real_text"
FROM "orders"
WHERE "orders"."id" < ?
ORDER BY "orders"."id" ASC;
-- parameters: ' 12 ', '+7', ' 2e3 ', 'true', ' OFF ', 1, 1, 1, 1, 1, 2, 4
-- columns: id integer, day date, at timestamp, day_text text, int_text integer, signed integer, real_text real, true_text boolean, off_text boolean, nonzero boolean, boolean_int integer, boolean_text text, boolean_real real, amount_text text, whole_real_text text

-- case: timestamp_text
SELECT "orders"."id", moltres_to_timestamp(?) AS "midnight", moltres_to_timestamp(?) AS "fraction", moltres_to_timestamp(?) AS "zone", moltres_to_timestamp(?) AS "unpadded", moltres_to_timestamp(?) AS "carry", moltres_to_date(?) AS "leap_day", CAST(moltres_to_timestamp(CAST("orders"."ordered_at" AS TEXT)) AS TEXT) AS "round_trip"
FROM "orders"
WHERE "orders"."id" < ?
ORDER BY "orders"."id" ASC;
-- parameters: '2024-02-03', '2024-02-03T04:05:06.789', '2024-02-03 04:05:06+02', ' 2024-2-3 4:05 ', '2024-12-31 23:59:59.9999996', '2024-02-29 23:59:59', 3
-- columns: id integer, midnight timestamp, fraction timestamp, zone timestamp, unpadded timestamp, carry timestamp, leap_day date, round_trip text

-- case: decimal_scale
SELECT "orders"."id", round(CAST("orders"."amount" / ? AS NUMERIC(10, 2)), 2) AS "d", round(CAST("orders"."amount" / ? AS NUMERIC(12, 1)), 1) AS "d1"
FROM "orders"
WHERE "orders"."id" < ?
ORDER BY "orders"."id" ASC;
-- parameters: 7, 3, 6
-- columns: id integer, d decimal, d1 decimal

-- case: unicode_case_changes
SELECT moltres_upper(?) AS "upper", moltres_lower(?) AS "lower", moltres_initcap(?) AS "initcap"
FROM "products"
WHERE "products"."id" = ?;
-- parameters: 'straße ŉ ǆ éa', 'ÄÖÜ ΣΑΣ İ Ǆ', 'élan ǆungla ßeta 3d', 1
-- columns: upper text, lower text, initcap text

-- case: math_functions
SELECT "products"."id", round("products"."price", ?) AS "rounded", CAST(floor("products"."price") AS INTEGER) AS "floor", CAST(ceil("products"."price") AS INTEGER) AS "ceil", abs("products"."stock" - ?) AS "distance", CASE WHEN "products"."stock" - ? > 0 THEN 1 WHEN "products"."stock" - ? < 0 THEN -1 WHEN "products"."stock" - ? = 0 THEN 0 END AS "sign", round(sqrt("products"."price"), ?) AS "root", power("products"."stock", ?) AS "square", max(coalesce("products"."stock", ?, NULL), coalesce(?, "products"."stock", NULL), coalesce(NULL, "products"."stock", ?)) AS "at_least_50", min(coalesce("products"."stock", ?), coalesce(?, "products"."stock")) AS "at_most_50", round(log2("products"."price"), ?) AS "log2"
FROM "products"
ORDER BY "products"."id" ASC;
-- parameters: 1, 100, 100, 100, 100, 3, 2, 50, 50, 50, 50, 50, 4
-- columns: id integer, rounded real, floor integer, ceil integer, distance integer, sign integer, root real, square real, at_least_50 integer, at_most_50 integer, log2 real

-- case: date_functions
SELECT "orders"."id", CAST(strftime('%Y', "orders"."ordered_at") AS INTEGER) AS "year", CAST(strftime('%m', "orders"."ordered_at") AS INTEGER) AS "month", CAST(strftime('%d', "orders"."ordered_at") AS INTEGER) AS "day", CAST(strftime('%H', "orders"."ordered_at") AS INTEGER) AS "hour", CAST(strftime('%w', "orders"."ordered_at") AS INTEGER) + 1 AS "dow", (CAST(strftime('%m', "orders"."ordered_at") AS INTEGER) + 2) / 3 AS "quarter", (CAST(strftime('%j', "orders"."ordered_at", '-3 days', 'weekday 4') AS INTEGER) - 1) / 7 + 1 AS "week", strftime('%Y-%m-01 00:00:00', "orders"."ordered_at") AS "month_start", datetime("orders"."ordered_at", ?) AS "later", date("orders"."ordered_at", 'start of month', '+1 month', '-1 day') AS "last_day", strftime(?, "orders"."ordered_at") AS "formatted", CAST(julianday(date("orders"."ordered_at")) - julianday(date(?)) AS INTEGER) AS "days", moltres_add_months("orders"."ordered_at", ?) AS "next_month"
FROM "orders"
ORDER BY "orders"."id" ASC
LIMIT ?;
-- parameters: '+3 days', '%Y/%m/%d %H:%M', '2024-01-01', 1, 10
-- columns: id integer, year integer, month integer, day integer, hour integer, dow integer, quarter integer, week integer, month_start timestamp, later timestamp, last_day date, formatted text, days integer, next_month date

-- case: window_functions
SELECT "orders"."id", "orders"."customer_id", rank() OVER (PARTITION BY "orders"."customer_id" ORDER BY "orders"."amount" DESC) AS "rank", dense_rank() OVER (PARTITION BY "orders"."customer_id" ORDER BY "orders"."amount" DESC) AS "dense", ntile(?) OVER (PARTITION BY "orders"."customer_id" ORDER BY "orders"."id" ASC) AS "half", lead("orders"."id", ?, ?) OVER (PARTITION BY "orders"."customer_id" ORDER BY "orders"."id" ASC) AS "next", first_value("orders"."id") OVER (PARTITION BY "orders"."customer_id" ORDER BY "orders"."id" ASC) AS "first", count(*) OVER (PARTITION BY "orders"."customer_id") AS "orders"
FROM "orders"
WHERE "orders"."customer_id" < ?
ORDER BY "orders"."id" ASC;
-- parameters: 2, 1, 0, 4
-- columns: id integer, customer_id integer, rank integer, dense integer, half integer, next integer, first integer, orders integer

-- case: statistics
SELECT "orders"."status", round(moltres_stddev_samp("orders"."amount"), ?) AS "stddev", round(moltres_var_samp("orders"."amount"), ?) AS "variance", round(moltres_corr("orders"."amount", "orders"."customer_id"), ?) AS "corr", count(DISTINCT "orders"."customer_id") AS "customers", min("orders"."amount") AS "min", max("orders"."amount") AS "max"
FROM "orders"
GROUP BY "orders"."status"
ORDER BY "orders"."status" ASC;
-- parameters: 4, 2, 6
-- columns: status text, stddev real, variance real, corr real, customers integer, min real, max real

-- case: moving_statistics
SELECT "orders"."id", round(moltres_window_stddev_samp("orders"."amount" + ?) OVER (ORDER BY "orders"."id" ASC ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), ?) AS "stddev", round(moltres_window_var_samp("orders"."amount") OVER (ORDER BY "orders"."id" ASC ROWS BETWEEN 3 PRECEDING AND 1 FOLLOWING), ?) AS "variance", round(moltres_window_covar_samp("orders"."amount" + ?, "orders"."id") OVER (ORDER BY "orders"."id" ASC ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), ?) AS "covar", round(moltres_window_corr("orders"."amount", "orders"."customer_id") OVER (PARTITION BY "orders"."status"), ?) AS "corr"
FROM "orders"
WHERE "orders"."id" <= ?
ORDER BY "orders"."id" ASC;
-- parameters: 1000000000.0, 4, 2, 1000000000.0, 4, 6, 12
-- columns: id integer, stddev real, variance real, covar real, corr real

-- case: percentile
SELECT "orders"."status", round(moltres_percentile_cont(json_group_array("orders"."amount"), ?), ?) AS "median", moltres_percentile_disc(json_group_array("orders"."customer_id"), ?) AS "quartile"
FROM "orders"
GROUP BY "orders"."status"
ORDER BY "orders"."status" ASC;
-- parameters: 0.5, 4, 0.25
-- columns: status text, median real, quartile integer

-- case: conditional_functions
SELECT "customers"."id", coalesce("customers"."email", ?) AS "email", "customers"."email" IS NULL AS "missing", CAST("customers"."id" AS REAL) IS NOT NULL AND CAST("customers"."id" AS REAL) != CAST("customers"."id" AS REAL) AS "nan", (CAST("customers"."id" AS REAL) = ? OR CAST("customers"."id" AS REAL) = ?) AS "inf"
FROM "customers"
ORDER BY "customers"."id" ASC
LIMIT ?;
-- parameters: 'none', inf, -inf, 10
-- columns: id integer, email text, missing boolean, nan boolean, inf boolean

-- case: hashes
SELECT "customers"."id", moltres_md5("customers"."name") AS "md5", moltres_sha2("customers"."name", ?) AS "sha256", moltres_base64("customers"."name") AS "base64", moltres_md5(CASE WHEN "customers"."active" THEN 'true' WHEN NOT "customers"."active" THEN 'false' END) AS "md5_boolean", moltres_md5(CAST("customers"."id" AS REAL)) AS "md5_real", moltres_sha2(CAST("customers"."id" AS REAL) / ?, ?) AS "sha_real", moltres_base64(CASE WHEN "customers"."active" THEN 'true' WHEN NOT "customers"."active" THEN 'false' END) AS "base64_boolean", moltres_md5(?) AS "md5_blob", moltres_base64(?) AS "base64_blob"
FROM "customers"
ORDER BY "customers"."id" ASC
LIMIT ?;
-- parameters: 256, 2, 256, x'00ff10', x'00ff10', 3
-- columns: id integer, md5 text, sha256 text, base64 text, md5_boolean text, md5_real text, sha_real text, base64_boolean text, md5_blob text, base64_blob text

-- case: digests_of_long_text
SELECT "customers"."id", moltres_sha1("customers"."name") AS "sha1", moltres_sha1("customers"."name" || CAST(? AS TEXT) || "customers"."email") AS "sha1_long", moltres_md5("customers"."name" || CAST(? AS TEXT) || "customers"."email") AS "md5_long", moltres_sha2("customers"."name" || CAST(? AS TEXT) || "customers"."email", ?) AS "sha256_long", moltres_sha1(CASE WHEN "customers"."active" THEN 'true' WHEN NOT "customers"."active" THEN 'false' END) AS "sha1_boolean", moltres_sha1(?) AS "sha1_empty"
FROM "customers"
ORDER BY "customers"."id" ASC
LIMIT ?;
-- parameters: '–long text––long text––long text––long text––long text––long text–', '–long text––long text––long text––long text––long text––long text–', '–long text––long text––long text––long text––long text––long text–', 256, '', 6
-- columns: id integer, sha1 text, sha1_long text, md5_long text, sha256_long text, sha1_boolean text, sha1_empty text

-- case: crc32_and_soundex
SELECT "customers"."id", moltres_crc32("customers"."name") AS "crc", moltres_crc32(CASE WHEN "customers"."active" THEN 'true' WHEN NOT "customers"."active" THEN 'false' END) AS "crc_boolean", moltres_crc32(CAST("customers"."id" AS REAL) / ?) AS "crc_real", moltres_crc32(?) AS "crc_blob", moltres_crc32("customers"."email") AS "crc_email", moltres_soundex("customers"."name") AS "soundex", moltres_soundex(?) AS "ashcraft", moltres_soundex(?) AS "pfister", moltres_soundex(?) AS "wu_lee", moltres_soundex(?) AS "no_letter"
FROM "customers"
ORDER BY "customers"."id" ASC
LIMIT ?;
-- parameters: 2, x'00ff10', 'Ashcraft', 'Pfister', '12 Wu-Lee', '99', 12
-- columns: id integer, crc integer, crc_boolean integer, crc_real integer, crc_blob integer, crc_email integer, soundex text, ashcraft text, pfister text, wu_lee text, no_letter text

-- case: hash
SELECT "customers"."id", moltres_hash("customers"."name") AS "name", moltres_hash("customers"."id", "customers"."country") AS "pair", moltres_hash("customers"."email", "customers"."id") AS "with_null", moltres_hash(CASE WHEN "customers"."active" THEN 'true' WHEN NOT "customers"."active" THEN 'false' END) AS "boolean", moltres_hash(CAST("customers"."id" AS REAL) / ?) AS "real", moltres_hash(substr("customers"."name", ?, "customers"."id" % ?)) AS "prefix"
FROM "customers"
ORDER BY "customers"."id" ASC
LIMIT ?;
-- parameters: 2, 1, 14, 30
-- columns: id integer, name integer, pair integer, with_null integer, boolean integer, real integer, prefix integer

-- case: arrays
SELECT "products"."id", json_array("products"."id", "products"."stock") AS "pair", json_array_length(moltres_split("products"."name", ?)) AS "words", moltres_json_contains(json_array("products"."id", "products"."stock"), ?) AS "has_one"
FROM "products"
WHERE "products"."id" < ?
ORDER BY "products"."id" ASC;
-- parameters: ' ', 1, 4
-- columns: id integer, pair json, words integer, has_one boolean

-- case: array_functions
SELECT "products"."id", moltres_real_text(moltres_array_max(json_array("products"."stock", "products"."id", "products"."stock"))) AS "max", moltres_real_text(moltres_array_min(json_array("products"."stock", "products"."id", "products"."stock"))) AS "min", CAST(moltres_array_sum(json_array("products"."stock", "products"."id", "products"."stock")) AS REAL) AS "sum", moltres_array_position(json_array("products"."stock", "products"."id", "products"."stock"), "products"."id") AS "position", json_insert(json_array("products"."stock", "products"."id", "products"."stock"), '$[#]', ?) AS "appended", moltres_array_prepend(json_array("products"."stock", "products"."id", "products"."stock"), ?) AS "prepended", moltres_array_remove(json_array("products"."stock", "products"."id", "products"."stock"), "products"."id") AS "removed", moltres_array_distinct(json_array("products"."stock", "products"."id", "products"."stock")) AS "distinct", moltres_array_sort(json_array("products"."stock", "products"."id", "products"."stock")) AS "sorted"
FROM "products"
WHERE "products"."id" < ?
ORDER BY "products"."id" ASC;
-- parameters: 7, 7, 4
-- columns: id integer, max text, min text, sum real, position integer, appended json, prepended json, removed json, distinct json, sorted json

-- case: select_expr_and_where_string
SELECT "orders"."id", "orders"."amount" * ? AS "double_amount", moltres_upper("orders"."status") AS "s", length("orders"."status") AS "n"
FROM "orders"
WHERE "orders"."amount" > ? AND "orders"."status" IN (?, ?) AND NOT ("orders"."customer_id" BETWEEN ? AND ?)
ORDER BY "orders"."id" ASC;
-- parameters: 2, 1500, 'paid', 'shipped', 3, 5
-- columns: id integer, double_amount real, s text, n integer

-- case: select_expr_case_and_cast
SELECT "orders"."id", CASE WHEN "orders"."amount" > ? THEN ? WHEN "orders"."amount" > ? THEN ? ELSE ? END AS "size", CAST("orders"."amount" AS INTEGER) AS "whole", round(CAST("orders"."amount" / ? AS NUMERIC(10, 2)), 2) AS "seventh"
FROM "orders"
WHERE CASE WHEN "orders"."status" = ? THEN "orders"."amount" ELSE ? END > ?
ORDER BY "orders"."id" ASC
LIMIT ?;
-- parameters: 2000, 'large', 1500, 'medium', 'small', 7, 'paid', 0, 1000, 8
-- columns: id integer, size text, whole integer, seventh decimal

-- case: join_on_two_names
SELECT "t1"."order_id", "t1"."k", "t2"."quantity"
FROM (
  SELECT "orders"."id" AS "order_id", "orders"."customer_id" % ? AS "k"
  FROM "orders"
) AS "t1"
JOIN (
  SELECT "order_items"."order_id", "order_items"."product_id" % ? AS "k", "order_items"."quantity"
  FROM "order_items"
) AS "t2" ON "t1"."order_id" = "t2"."order_id" AND "t1"."k" = "t2"."k"
ORDER BY "t1"."order_id" ASC, "t1"."k" ASC, "t2"."quantity" ASC
LIMIT ?;
-- parameters: 3, 3, 10
-- columns: order_id integer, k integer, quantity integer

-- case: right_join
SELECT "customers"."id" AS "customer", "t1"."id" AS "order"
FROM (
  SELECT *
  FROM "orders"
  WHERE "orders"."id" < ?
) AS "t1"
RIGHT JOIN "customers" ON "t1"."customer_id" = "customers"."id"
ORDER BY "customers"."id" ASC, "t1"."id" ASC
LIMIT ?;
-- parameters: 5, 8
-- columns: customer integer, order integer

-- case: full_join_using
SELECT coalesce("t1"."id", "t2"."id") AS "id", "t1"."amount", "t2"."country"
FROM (
  SELECT "orders"."customer_id" AS "id", "orders"."amount"
  FROM "orders"
  WHERE "orders"."id" < ?
) AS "t1"
FULL JOIN (
  SELECT "customers"."id", "customers"."country"
  FROM "customers"
  WHERE "customers"."id" < ?
) AS "t2" ON "t1"."id" = "t2"."id"
ORDER BY coalesce("t1"."id", "t2"."id") ASC, "t1"."amount" ASC;
-- parameters: 4, 10
-- columns: id integer, amount real, country text

-- case: cross_join
SELECT "t1"."a", "t2"."b"
FROM (
  SELECT "products"."id" AS "a"
  FROM "products"
  WHERE "products"."id" < ?
) AS "t1"
CROSS JOIN (
  SELECT "products"."id" AS "b"
  FROM "products"
  WHERE "products"."id" < ?
) AS "t2"
ORDER BY "t1"."a" ASC, "t2"."b" ASC;
-- parameters: 3, 3
-- columns: a integer, b integer

-- case: semi_and_anti_join
SELECT "customers"."id"
FROM "customers"
WHERE EXISTS (
  SELECT 1
  FROM (
    SELECT *
    FROM "orders"
    WHERE "orders"."amount" > ?
  ) AS "t1"
  WHERE "customers"."id" = "t1"."customer_id"
) AND NOT EXISTS (
  SELECT 1
  FROM (
    SELECT *
    FROM "orders"
    WHERE "orders"."status" = ?
  ) AS "t2"
  WHERE "customers"."id" = "t2"."customer_id"
)
ORDER BY "customers"."id" ASC;
-- parameters: 1500, 'cancelled'
-- columns: id integer

-- case: window_frames
SELECT "orders"."id", sum("orders"."amount") OVER (PARTITION BY "orders"."customer_id" ORDER BY "orders"."id" ASC ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS "moving", count(*) OVER (PARTITION BY "orders"."customer_id" ORDER BY "orders"."id" ASC RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS "running", last_value("orders"."id") OVER (PARTITION BY "orders"."customer_id" ORDER BY "orders"."id" ASC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "last"
FROM "orders"
WHERE "orders"."customer_id" < ?
ORDER BY "orders"."id" ASC;
-- parameters: 3
-- columns: id integer, moving real, running integer, last integer

-- case: json_functions
SELECT "customers"."id", CASE json_type(CAST(? AS TEXT) || "customers"."country" || CAST(? AS TEXT) || CAST("customers"."id" AS TEXT) || CAST(? AS TEXT), ?) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE CAST(json_extract(CAST(? AS TEXT) || "customers"."country" || CAST(? AS TEXT) || CAST("customers"."id" AS TEXT) || CAST(? AS TEXT), ?) AS TEXT) END AS "name", CASE json_type(CAST(? AS TEXT) || "customers"."country" || CAST(? AS TEXT) || CAST("customers"."id" AS TEXT) || CAST(? AS TEXT), ?) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE CAST(json_extract(CAST(? AS TEXT) || "customers"."country" || CAST(? AS TEXT) || CAST("customers"."id" AS TEXT) || CAST(? AS TEXT), ?) AS TEXT) END AS "n", CASE json_type(?, ?) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE CAST(json_extract(?, ?) AS TEXT) END AS "ok", CASE json_type(?, ?) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE CAST(json_extract(?, ?) AS TEXT) END AS "no", json_array(json_extract(CAST(? AS TEXT) || "customers"."country" || CAST(? AS TEXT) || CAST("customers"."id" AS TEXT) || CAST(? AS TEXT), '$.' || ?), json_extract(CAST(? AS TEXT) || "customers"."country" || CAST(? AS TEXT) || CAST("customers"."id" AS TEXT) || CAST(? AS TEXT), '$.' || ?)) AS "tuple", json_array_length(json_array("customers"."id", "customers"."id")) AS "length"
FROM "customers"
WHERE "customers"."id" < ?
ORDER BY "customers"."id" ASC;
-- parameters: '{"name": "', '", "n": ', '}', '$.name', '{"name": "', '", "n": ', '}', '$.name', '{"name": "', '", "n": ', '}', '$.n', '{"name": "', '", "n": ', '}', '$.n', '{"ok": true, "no": null}', '$.ok', '{"ok": true, "no": null}', '$.ok', '{"ok": true, "no": null}', '$.no', '{"ok": true, "no": null}', '$.no', '{"name": "', '", "n": ', '}', 'name', '{"name": "', '", "n": ', '}', 'n', 4
-- columns: id integer, name text, n text, ok text, no text, tuple json, length integer

-- case: json_not_an_array
SELECT "customers"."id", CASE json_type(?) WHEN 'array' THEN json_array_length(?) END AS "object_length", CASE json_type(?) WHEN 'array' THEN json_array_length(?) END AS "string_length", CASE json_type(json(?)) WHEN 'array' THEN json_array_length(json(?)) END AS "array_length", moltres_json_contains(json(?), ?) AS "contains", CASE json_type(?) WHEN 'array' THEN json_array_length(?) END AS "nested_length"
FROM "customers"
WHERE "customers"."id" < ?
ORDER BY "customers"."id" ASC;
-- parameters: '{"a": 1}', '{"a": 1}', '"text"', '"text"', '{"a": [1, 2]}', '{"a": [1, 2]}', '{"a": 1}', 1, '[1, [2, 3]]', '[1, [2, 3]]', 3
-- columns: id integer, object_length integer, string_length integer, array_length integer, contains boolean, nested_length integer

-- case: window_in_where
SELECT "t1"."customer_id", "t1"."id"
FROM (
  SELECT "orders"."id", "orders"."customer_id", "orders"."status", "orders"."amount", "orders"."ordered_at", row_number() OVER (PARTITION BY "orders"."customer_id" ORDER BY "orders"."id" ASC) AS "__moltres_window_1"
  FROM "orders"
) AS "t1"
WHERE "t1"."__moltres_window_1" = ?
ORDER BY "t1"."customer_id" ASC
LIMIT ?;
-- parameters: 1, 5
-- columns: customer_id integer, id integer

-- case: date_and_boolean_literals
SELECT "orders"."id"
FROM "orders"
JOIN "customers" ON "orders"."customer_id" = "customers"."id"
WHERE "orders"."ordered_at" >= ? AND "orders"."ordered_at" < ? AND "customers"."active" = ?
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
LIMIT ?;
-- parameters: 4
-- columns: status text

-- case: sample
SELECT "orders"."id"
FROM "orders"
WHERE (random() / 18446744073709551616.0 + 0.5) < ?;
-- parameters: 0.5
-- columns: id integer

-- case: raw_sql_source
SELECT *
FROM (
  SELECT id, amount FROM orders WHERE amount > ?
) AS "t1"
WHERE "t1"."id" < ?
ORDER BY "t1"."id" ASC;
-- parameters: 1500, 100
-- columns: 

-- case: hostile_values
SELECT "customers"."id"
FROM "customers"
WHERE "customers"."name" = ?;
-- parameters: 'x''; DROP TABLE customers; --'
-- columns: id integer

-- case: monotonically_increasing_id
SELECT row_number() OVER () AS "n", "products"."id"
FROM "products"
ORDER BY "products"."id" ASC
LIMIT ?;
-- parameters: 3
-- columns: n integer, id integer

-- case: monotonically_increasing_id_ordered
SELECT row_number() OVER (ORDER BY "products"."id" DESC) AS "n", "products"."id"
FROM "products"
ORDER BY "products"."id" ASC
LIMIT ?;
-- parameters: 3
-- columns: n integer, id integer

-- case: monotonically_increasing_id_filtered
SELECT "t1"."id", "t1"."n"
FROM (
  SELECT "products"."id", "products"."name", "products"."category", "products"."price", "products"."stock", row_number() OVER () AS "n"
  FROM "products"
) AS "t1"
WHERE "t1"."n" <= ?
ORDER BY "t1"."id" ASC;
-- parameters: 2
-- columns: id integer, n integer

-- case: union_by_name
SELECT *
FROM (
  SELECT "orders"."id", "orders"."amount"
  FROM "orders"
  WHERE "orders"."id" <= ?
  UNION ALL
  SELECT "orders"."id", "orders"."amount"
  FROM "orders"
  WHERE "orders"."id" <= ?
) AS "t1"
ORDER BY "t1"."id" ASC, "t1"."amount" ASC;
-- parameters: 3, 2
-- columns: id integer, amount real

-- case: union_by_name_allow_missing
SELECT *
FROM (
  SELECT "customers"."id", "customers"."name", CAST(NULL AS REAL) AS "price"
  FROM "customers"
  WHERE "customers"."id" <= ?
  UNION ALL
  SELECT "products"."id", CAST(NULL AS TEXT) AS "name", "products"."price"
  FROM "products"
  WHERE "products"."id" <= ?
) AS "t1"
ORDER BY "t1"."id" ASC, "t1"."name" ASC, "t1"."price" ASC;
-- parameters: 3, 2
-- columns: id integer, name text, price real

-- case: select_for_update
SELECT "orders"."id", "orders"."amount"
FROM "orders"
WHERE "orders"."amount" > ?
ORDER BY "orders"."id" ASC
LIMIT ?;
-- parameters: 1000, 5
-- columns: id integer, amount real

-- case: select_for_update_skip_locked
-- error: FOR UPDATE SKIP LOCKED is not supported on sqlite [MOL4002]

-- case: select_for_share_nowait
-- error: FOR SHARE NOWAIT is not supported on sqlite [MOL4002]

-- case: select_for_update_then_group
SELECT "orders"."status", count(*) AS "n"
FROM "orders"
GROUP BY "orders"."status"
ORDER BY "orders"."status" ASC;
-- parameters: 
-- columns: status text, n integer

-- case: lateral_join_latest_order
-- error: join(..., lateral=True) (JOIN LATERAL) is not supported on sqlite [MOL4002]

-- case: lateral_left_join_on
-- error: join(..., lateral=True) (JOIN LATERAL) is not supported on sqlite [MOL4002]

-- case: join_hints
/*+ IndexScan(orders) x * / DROP TABLE customers; / * y / * / nul end */ SELECT "orders"."id", "customers"."country"
FROM "orders"
JOIN "customers" ON "orders"."customer_id" = "customers"."id"
ORDER BY "orders"."id" ASC
LIMIT ?;
-- parameters: 3
-- columns: id integer, country text

-- case: insert_rows
INSERT INTO "products" ("id", "name", "category", "price", "stock")
VALUES (?, ?, ?, ?, ?),
       (?, ?, ?, ?, ?);
-- parameters: 100, 'Cable "x"', 'it''s', 9.5, 3, 101, 'Lamp', 'office', 19.0, 0

-- case: update_with_expression
UPDATE "products"
SET "price" = "products"."price" * ?, "stock" = ?
WHERE "products"."category" = ?;
-- parameters: 2, 0, 'audio'

-- case: delete_where
DELETE FROM "order_items"
WHERE "order_items"."quantity" = ?;
-- parameters: 3

-- case: upsert_update
INSERT INTO "products" ("id", "name", "category", "price", "stock")
VALUES (?, ?, ?, ?, ?)
ON CONFLICT ("id") DO UPDATE SET "stock" = "products"."stock" + "excluded"."stock", "price" = "excluded"."price";
-- parameters: 1, 'Keyboard', 'hardware', 10.0, 5

-- case: upsert_nothing
INSERT INTO "products" ("id", "name", "category", "price", "stock")
VALUES (?, ?, ?, ?, ?)
ON CONFLICT ("id") DO NOTHING;
-- parameters: 1, 'Keyboard', 'hardware', 10.0, 5

-- case: create_table
CREATE TABLE IF NOT EXISTS "audit ""log""" (
  "id" INTEGER NOT NULL,
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
SELECT "orders"."id" + ? AS "id", "orders"."customer_id", "orders"."status", "orders"."amount", "orders"."ordered_at"
FROM "orders"
WHERE "orders"."id" < ?;
-- parameters: 1000, 3
