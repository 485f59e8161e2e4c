@testable import Moltres

/// One golden SQL case: a pipeline (or a mutation) and the name its expected SQL is filed under.
struct GoldenCase: Sendable {
    enum Input: Sendable {
        case query(DataFrame)
        case mutation(MutationPlan)
    }

    let name: String
    let input: Input
    /// Whether executing it must give the same rows on SQLite and PostgreSQL in the same order
    /// (cases without an ORDER BY over unique keys compare as sorted multisets).
    let ordered: Bool

    init(_ name: String, ordered: Bool = false, _ frame: DataFrame) {
        self.name = name
        self.input = .query(frame)
        self.ordered = ordered
    }

    init(_ name: String, mutation: MutationPlan) {
        self.name = name
        self.input = .mutation(mutation)
        self.ordered = false
    }
}

/// The golden cases, as data: every API item of issue 4 and the step-order semantics.
enum GoldenCases {
    static let orders = DataFrame.table("orders")
    static let customers = DataFrame.table("customers")
    static let products = DataFrame.table("products")
    static let items = DataFrame.table("order_items")

    static func thirtyStepChain() -> DataFrame {
        var frame = orders.where(col("amount") > 10)
        for step in 0..<28 {
            switch step % 4 {
            case 0: frame = frame.withColumn("c\(step)", col("amount") + DatabaseValue.integer(Int64(step)))
            case 1: frame = frame.where(col("c\(step - 1)") > 5)
            case 2: frame = frame.withColumnRenamed("c\(step - 2)", "r\(step)")
            default: frame = frame.drop("r\(step - 1)")
            }
        }
        return frame.orderBy(col("id")).limit(20)
    }

    static let all: [GoldenCase] = [
        // Reference pipelines of the benchmark.
        GoldenCase(
            "filter_select", ordered: true, orders.where(col("amount") > 100).select("id", "amount").orderBy("id")),
        GoldenCase(
            "join_group_agg", ordered: true,
            orders.join(customers, on: col("orders.customer_id") == col("customers.id"))
                .groupBy("country")
                .agg(F.sum(col("amount")).alias("total"), F.count("*").alias("n"))
                .orderBy(col("country"))),
        GoldenCase(
            "window_row_number_lag", ordered: true,
            orders.select(
                col("id"), col("customer_id"),
                F.row_number().over(partitionBy: ["customer_id"], orderBy: [col("ordered_at"), col("id")]).alias("rn"),
                F.lag(col("amount")).over(partitionBy: ["customer_id"], orderBy: [col("ordered_at"), col("id")]).alias(
                    "previous")
            ).orderBy("id")),
        GoldenCase(
            "cte", ordered: true,
            orders.where(col("status") == "paid").cte("paid").groupBy("customer_id").agg(
                F.sum(col("amount")).alias("total")
            ).orderBy("customer_id")),
        GoldenCase(
            "case_when", ordered: true,
            orders.select(
                col("id"),
                F.when(col("amount") > 1000, "large").when(col("amount") > 100, "medium").otherwise("small").alias(
                    "size")
            ).orderBy("id")),
        GoldenCase("order_limit", ordered: true, orders.orderBy(col("amount").desc(), col("id")).limit(5)),
        GoldenCase(
            "five_way_join", ordered: true,
            items.join(orders, on: col("order_items.order_id") == col("orders.id"))
                .join(products, on: col("order_items.product_id") == col("products.id"))
                .join(customers, on: col("orders.customer_id") == col("customers.id"))
                .join(customers.alias("referrer"), on: col("referrer.id") == col("customers.id"))
                .select(
                    col("orders.id"), col("products.name").alias("product"), col("customers.name").alias("customer")
                )
                .orderBy("id", "product").limit(10)),
        GoldenCase("thirty_step_chain", ordered: true, thirtyStepChain()),

        // Steps in order.
        GoldenCase(
            "where_after_limit", ordered: true, orders.orderBy("id").limit(10).where(col("amount") > 100)),
        GoldenCase(
            "where_after_agg", ordered: true,
            orders.groupBy("status").agg(F.sum(col("amount")).alias("total")).where(col("total") > 1000).orderBy(
                "status")),
        GoldenCase(
            "where_on_window", ordered: true,
            orders.withColumn(
                "rn", F.row_number().over(partitionBy: ["customer_id"], orderBy: [col("amount").desc(), col("id")])
            ).where(col("rn") == 1).select("customer_id", "id", "amount").orderBy("customer_id")),
        GoldenCase(
            "with_column_renamed_after_with_column", ordered: true,
            products.withColumn("double_price", col("price") * 2).withColumnRenamed("double_price", "dp").select(
                "id", "dp"
            ).orderBy("id").limit(3)),
        GoldenCase("offset", ordered: true, orders.orderBy("id").offset(10).limit(5)),
        GoldenCase("offset_after_limit", ordered: true, orders.orderBy("id").limit(12).offset(10)),
        GoldenCase(
            "desc_in_over", ordered: true,
            orders.select(
                col("id"),
                F.sum(col("amount")).over(orderBy: [col("ordered_at").desc(), col("id").desc()]).alias("running")
            ).orderBy("id").limit(5)),
        GoldenCase(
            "window_object", ordered: true,
            orders.select(
                col("id"),
                F.avg(col("amount")).over(
                    Window.partitionBy("customer_id").orderBy(col("amount").desc(), col("id")).rowsBetween(nil, 0)
                ).alias("avg_so_far")
            ).orderBy("id").limit(5)),
        GoldenCase(
            "when_without_otherwise", ordered: true,
            orders.select(col("id"), F.when(col("status") == "paid", 1).alias("paid")).orderBy("id").limit(5)),
        GoldenCase(
            "reflected_operators", ordered: true,
            products.select(
                col("id"), (100 - col("stock")).alias("missing"), (2 * col("price")).alias("double"),
                (1 / col("stock")).alias("inverse")
            ).orderBy("id")),
        GoldenCase(
            "aliases_kept", ordered: true,
            customers.select(
                (col("id") % 2).alias("parity"), (-col("id")).alias("negative"),
                col("email").is_null().alias("no_email"),
                col("name").contains("a").alias("has_a"), col("id")
            ).orderBy("id")),
        GoldenCase(
            "frame_column_in_select", ordered: true,
            customers.select(customers["name"], customers["country"]).orderBy("name", "country")),
        GoldenCase(
            "aggregate_in_scalar", ordered: true,
            orders.groupBy("status").agg(F.round(F.avg(col("amount")), scale: 2).alias("average")).orderBy("status")),
        GoldenCase(
            "join_on_list", ordered: true,
            orders.select(col("id").alias("order_id"), col("customer_id")).join(
                items.select(col("order_id"), col("product_id"), col("quantity")), on: ["order_id"]
            ).orderBy("order_id", "product_id").limit(10)),
        GoldenCase(
            "join_on_pairs", ordered: true,
            orders.join(customers, on: [("customer_id", "id")], how: .left).select(col("orders.id"), col("name"))
                .orderBy("id").limit(10)),
        GoldenCase(
            "self_join_aliases", ordered: true,
            orders.alias("a").join(
                orders.alias("b"), on: (col("a.customer_id") == col("b.customer_id")) & (col("a.id") < col("b.id"))
            ).select(col("a.id").alias("first"), col("b.id").alias("second")).orderBy("first", "second").limit(10)),
        GoldenCase(
            "self_join_distinct_names", ordered: true,
            orders.join(orders, on: [("customer_id", "customer_id")]).agg(F.count().alias("pairs"))),
        GoldenCase(
            "correlated_exists", ordered: true,
            customers.where(
                F.exists(orders.where((col("orders.customer_id") == col("customers.id")) & (col("amount") > 1500)))
            ).select("id").orderBy("id")),
        GoldenCase(
            "correlated_not_exists", ordered: true,
            customers.where(F.not_exists(orders.where(col("orders.customer_id") == col("customers.id")))).select("id")
                .orderBy("id")),
        GoldenCase(
            "isin_subquery", ordered: true,
            customers.where(col("id").isin(orders.where(col("amount") > 1500).select("customer_id"))).select("id")
                .orderBy("id")),
        GoldenCase(
            "isin_list", ordered: true, orders.where(col("status").isin("paid", "shipped")).select("id").orderBy("id")),
        GoldenCase("isin_empty", ordered: true, orders.where(col("status").isin([])).select("id")),
        GoldenCase(
            "recursive_cte", ordered: true,
            DataFrame(.values(columns: ["n"], rows: [[.literal(1)]])).recursiveCTE(
                "nums",
                recursive: DataFrame.table("nums").cteReference("nums").where(col("n") < 10).select(
                    (col("n") + 1).alias("n")), unionAll: true
            ).orderBy("n")),
        GoldenCase(
            "binding_used_twice", ordered: true,
            {
                let big = orders.where(col("amount") > 1000).binding("big")
                return big.select("id").union(big.select("customer_id")).orderBy("id")
            }()),
        GoldenCase(
            "binding_used_once", ordered: true,
            orders.where(col("amount") > 1000).binding("big").select(col("big.id")).orderBy("id")),
        GoldenCase(
            "scalar_subquery", ordered: true,
            products.where(col("price") > F.scalar_subquery(products.agg(F.avg(col("price"))))).select("id").orderBy(
                "id")),
        GoldenCase(
            "set_operations", ordered: true,
            orders.select("customer_id").intersect(customers.select("id")).except_(
                customers.where(col("country") == "US").select("id")
            ).orderBy("customer_id")),
        GoldenCase(
            "union_all_limit", orders.select("status").unionAll(customers.select("country")).limit(3).count_frame()),
        GoldenCase("distinct", ordered: true, orders.select("status").distinct().orderBy("status")),
        GoldenCase(
            "drop_duplicates_subset", ordered: true,
            orders.dropDuplicates(["customer_id"]).select("customer_id").orderBy("customer_id")),
        GoldenCase(
            "group_by_expression", ordered: true,
            orders.groupBy(F.month(col("ordered_at")).alias("month")).agg(F.count().alias("n")).orderBy("month")),
        GoldenCase(
            "conditional_aggregate", ordered: true,
            orders.groupBy("customer_id").agg(
                F.sum(col("amount")).filter(col("status") == "paid").alias("paid"),
                F.count().filter(col("status") == "cancelled").alias("cancelled")
            ).orderBy("customer_id").limit(5)),
        GoldenCase(
            "pivot", ordered: true,
            orders.groupBy("customer_id").pivot("status", values: ["paid", "shipped"]).agg(F.sum(col("amount")))
                .orderBy("customer_id").limit(5)),
        // concat of arithmetic, reals and booleans: SQLite binds || tighter than * (the result was a number), and
        // writes 30.0 and 0 where PostgreSQL writes 30 and false.
        GoldenCase(
            "concat_types", ordered: true,
            products.where(col("id") < 6).select(
                col("id"),
                F.concat(
                    col("name"), lit(":"), col("price"), lit(":"), col("stock") * 1.0, lit(":"), col("price") > 100,
                    lit(":"), col("stock") + 1, lit(":"), -col("stock")
                ).alias("joined")
            ).orderBy("id")),
        // Spark's substring positions: 0 is the first character, a negative one counts from the end (PostgreSQL's
        // substr started before the string); a literal regexp_extract subject on PostgreSQL.
        GoldenCase(
            "substring_positions", ordered: true,
            products.where(col("id") < 6).select(
                col("id"), F.substring(col("name"), 0, len: 2).alias("zero"),
                F.substring(col("name"), -3, len: 2).alias("from_end"),
                F.substring(col("name"), -40, len: 38).alias("before_start"),
                F.substring(col("name"), col("id") - 3, len: 3).alias("varying"),
                F.instr(col("name"), "o").alias("o_at"),
                F.regexp_extract(lit("abc123def"), "(\\d+)", idx: 1).alias("digits")
            ).orderBy("id")),
        // A negative scale rounds to tens, hundreds… (SQLite's round treated it as 0), half away from zero.
        GoldenCase(
            "round_negative_scale", ordered: true,
            products.where(col("id") < 6).select(
                col("id"), F.round(col("price"), scale: -1).alias("tens"),
                F.round(col("stock"), scale: -2).alias("hundreds"), F.round(lit(-1250.0), scale: -2).alias("negative"),
                F.round(col("price"), scale: col("id") - 3).alias("varying")
            ).orderBy("id")),
        // collect_list/collect_set leave NULLs out, as PySpark's do; a group with only NULLs collects [].
        GoldenCase(
            "collect_skips_nulls", ordered: true,
            customers.groupBy("country").agg(
                F.array_length(F.collect_list(col("email"))).alias("emails"), F.count(col("email")).alias("counted"),
                F.array_length(F.collect_set(col("email"))).alias("distinct_emails"),
                F.collect_list(F.when(col("id") < 0, col("email"))).alias("none")
            ).orderBy("country")),
        // Several aggregates: for each value, one column per aggregate, named value_alias (or value_sum(amount)).
        GoldenCase(
            "pivot_several_aggregates", ordered: true,
            orders.groupBy("customer_id").pivot("status", values: ["paid", "shipped"]).agg(
                F.sum(col("amount")).alias("total"), F.count(), F.max(col("amount"))
            ).orderBy("customer_id").limit(5)),
        GoldenCase(
            "fillna_subset", ordered: true,
            customers.fillna("none", subset: ["email"]).select("id", "email").orderBy("id").limit(10)),
        GoldenCase("dropna_subset", ordered: true, customers.dropna(subset: ["email"]).select("id").orderBy("id")),
        GoldenCase(
            "explode", ordered: true,
            products.where(col("id") < 4).select(col("id"), F.explode(F.split(col("name"), " ")).alias("word"))
                .orderBy("id", "word")),
        GoldenCase(
            "explode_numbers", ordered: true,
            products.where(col("id") < 4).select(col("id"), F.explode(F.array(col("id"), col("stock"))).alias("n"))
                .orderBy("id", "n")),
        GoldenCase(
            "null_ordering", ordered: true, customers.select("id", "email").orderBy(col("email"), col("id")).limit(12)),
        GoldenCase(
            "null_ordering_desc", ordered: true,
            customers.select("id", "email").orderBy(col("email").desc(), col("id")).limit(12)),
        GoldenCase(
            "null_ordering_explicit", ordered: true,
            customers.select("id", "email").orderBy(col("email").asc(nulls: .last), col("id")).limit(12)),
        GoldenCase(
            "division_and_casts", ordered: true,
            products.select(
                col("id"), (col("stock") / 7).alias("true_div"), col("stock").floorDiv(7).alias("floor_div"),
                (col("price") * 1.5).cast("INTEGER").alias("truncated"), (col("stock") % 7).alias("rest")
            ).orderBy("id")),
        GoldenCase(
            "like_and_friends", ordered: true,
            customers.where(
                col("name").like("A%") | col("name").ilike("%LOVE%") | col("email").startswith("ada")
                    | col("name").endswith("son") | col("name").contains("_")
            ).select("id").orderBy("id")),
        GoldenCase(
            "between_and_null_comparison", ordered: true,
            customers.where(col("id").between(5, 15) & (col("email") == DatabaseValue.null)).select("id").orderBy("id")),
        GoldenCase(
            "string_functions", ordered: true,
            customers.select(
                col("id"), F.upper(col("name")).alias("upper"), F.length(col("name")).alias("length"),
                F.substring(col("name"), 2, len: 3).alias("sub"),
                F.concat(col("name"), "!", col("country")).alias(
                    "joined"), F.lpad(col("country"), 4, pad: "*").alias("padded"),
                F.initcap(F.lower(col("name"))).alias("initcap"),
                F.replace(col("name"), "a", "4")
                    .alias("replaced"), F.instr(col("name"), "a").alias("position"),
                F.regexp_replace(col("name"), "[aeiou]", "_").alias("regexp")
            ).orderBy("id").limit(10)),
        // Arrays of text and numbers hold text (PostgreSQL refused ARRAY[1, 'a']); extremes are text and sums reals
        // on both databases; to_json of an array is the array (PostgreSQL made it a JSON string).
        GoldenCase(
            "array_element_types", ordered: true,
            products.where(col("id") < 5).select(
                col("id"), F.array(col("id"), col("name"), col("price")).alias("mixed"),
                F.array_max(F.array(col("price"), col("stock"))).alias("highest"),
                F.array_min(F.array(col("name"), col("category"))).alias("first_name"),
                F.array_sum(F.array(col("id"), col("stock"))).alias("total"),
                F.json_array_length(F.to_json(F.array(col("id"), col("stock")))).alias("length")
            ).orderBy("id")),
        // Java date patterns beyond strftime's (month and day names, 12-hour clock, no leading zeros, two-digit years,
        // which SQLite's strftime lacks): a registered function on SQLite, to_char on PostgreSQL, the same text.
        GoldenCase(
            "date_format_patterns", ordered: true,
            orders.where(col("id") < 12).select(
                col("id"), F.date_format(col("ordered_at"), "dd/MM/yy").alias("short"),
                F.date_format(col("ordered_at"), "EEE MMM d, yyyy").alias("names"),
                F.date_format(col("ordered_at"), "EEEE d MMMM").alias("long_names"),
                F.date_format(col("ordered_at"), "h:mm a").alias("clock"),
                F.date_format(col("ordered_at"), "hh 'o''clock' H:m:s M/d DDD").alias("unpadded"),
                F.from_unixtime(col("id") * 40_000_000, format: "MMM yyyy h a").alias("epoch")
            ).orderBy("id")),
        // Casts as PostgreSQL makes them, on both databases: SQLite's own CAST gave 2024 for a timestamp cast to a
        // date, 0 for 'true' cast to a boolean and '1' for true cast to text.
        GoldenCase(
            "casts", ordered: true,
            orders.where(col("id") < 4).select(
                col("id"), col("ordered_at").cast("date").alias("day"), col("ordered_at").cast("timestamp").alias("at"),
                col("ordered_at").cast("date").cast("string").alias("day_text"),
                lit(" 12 ").cast("int").alias("int_text"), lit("+7").cast("bigint").alias("signed"),
                lit(" 2e3 ").cast("double").alias("real_text"), lit("true").cast("boolean").alias("true_text"),
                lit(" OFF ").cast("boolean").alias("off_text"), (col("id") - 1).cast("boolean").alias("nonzero"),
                (col("id") > 1).cast("int").alias("boolean_int"), (col("id") > 1).cast("string").alias("boolean_text"),
                (col("id") > 1).cast("double").alias("boolean_real"), col("amount").cast("string").alias("amount_text"),
                (col("id").cast("double") * 2).cast("string").alias("whole_real_text")
            ).orderBy("id")),
        // Text read as a date or timestamp as PostgreSQL reads it: fractions kept, zones ignored, fields unpadded.
        GoldenCase(
            "timestamp_text", ordered: true,
            orders.where(col("id") < 3).select(
                col("id"), lit("2024-02-03").cast("timestamp").alias("midnight"),
                lit("2024-02-03T04:05:06.789").cast("timestamp").alias("fraction"),
                lit("2024-02-03 04:05:06+02").cast("timestamp").alias("zone"),
                lit(" 2024-2-3 4:05 ").cast("timestamp").alias("unpadded"),
                lit("2024-12-31 23:59:59.9999996").cast("timestamp").alias("carry"),
                lit("2024-02-29 23:59:59").cast("date").alias("leap_day"),
                col("ordered_at").cast("string").cast("timestamp").cast("string").alias("round_trip")
            ).orderBy("id")),
        // DECIMAL(p, s) rounds to s decimals on both (SQLite's NUMERIC is only an affinity).
        GoldenCase(
            "decimal_scale", ordered: true,
            orders.where(col("id") < 6).select(
                col("id"), (col("amount") / 7).cast("decimal(10,2)").alias("d"),
                (col("amount") / 3).cast("decimal", precision: 12, scale: 1).alias("d1")
            ).orderBy("id")),
        // Case changes one code point at a time, as PostgreSQL's: ß and ŉ (whose full uppercase is two letters) stay.
        GoldenCase(
            "unicode_case_changes",
            products.where(col("id") == 1).select(
                F.upper(lit("straße ŉ ǆ éa")).alias("upper"), F.lower(lit("ÄÖÜ ΣΑΣ İ Ǆ")).alias("lower"),
                F.initcap(lit("élan ǆungla ßeta 3d")).alias("initcap"))),
        GoldenCase(
            "math_functions", ordered: true,
            products.select(
                col("id"), F.round(col("price"), scale: 1).alias("rounded"), F.floor(col("price")).alias("floor"),
                F.ceil(col("price")).alias("ceil"), F.abs(col("stock") - 100).alias("distance"),
                F.sign(col("stock") - 100).alias("sign"), F.round(F.sqrt(col("price")), scale: 3).alias("root"),
                F.power(col("stock"), 2).alias("square"),
                F.greatest(col("stock"), 50, DatabaseValue.null).alias(
                    "at_least_50"), F.least(col("stock"), 50).alias("at_most_50"),
                F.round(F.log2(col("price")), scale: 4).alias("log2")
            ).orderBy("id")),
        GoldenCase(
            "date_functions", ordered: true,
            orders.select(
                col("id"), F.year(col("ordered_at")).alias("year"), F.month(col("ordered_at")).alias("month"),
                F.day(col("ordered_at")).alias("day"), F.hour(col("ordered_at")).alias("hour"),
                F.dayofweek(col("ordered_at")).alias("dow"), F.quarter(col("ordered_at")).alias("quarter"),
                F.weekofyear(col("ordered_at")).alias("week"),
                F.date_trunc("month", col("ordered_at")).alias("month_start"),
                F.date_add(col("ordered_at"), "3 days").alias("later"),
                F.last_day(col("ordered_at")).alias(
                    "last_day"), F.date_format(col("ordered_at"), "yyyy/MM/dd HH:mm").alias("formatted"),
                F.datediff(col("ordered_at"), lit("2024-01-01")).alias("days"),
                F.add_months(col("ordered_at"), 1).alias("next_month")
            ).orderBy("id").limit(10)),
        GoldenCase(
            "window_functions", ordered: true,
            orders.where(col("customer_id") < 4).select(
                col("id"), col("customer_id"),
                F.rank().over(partitionBy: ["customer_id"], orderBy: [col("amount").desc()]).alias("rank"),
                F.dense_rank().over(partitionBy: ["customer_id"], orderBy: [col("amount").desc()]).alias("dense"),
                F.ntile(2).over(partitionBy: ["customer_id"], orderBy: [col("id")]).alias("half"),
                F.lead(col("id"), offset: 1, default: 0).over(partitionBy: ["customer_id"], orderBy: [col("id")]).alias(
                    "next"),
                F.first_value(col("id")).over(partitionBy: ["customer_id"], orderBy: [col("id")]).alias("first"),
                F.count().over(partitionBy: ["customer_id"]).alias("orders")
            ).orderBy("id")),
        GoldenCase(
            "statistics", ordered: true,
            orders.groupBy("status").agg(
                F.round(F.stddev(col("amount")), scale: 4).alias("stddev"),
                F.round(F.variance(col("amount")), scale: 2).alias("variance"),
                F.round(F.corr(col("amount"), col("customer_id")), scale: 6).alias("corr"),
                F.count_distinct(col("customer_id")).alias("customers"), F.min(col("amount")).alias("min"),
                F.max(col("amount")).alias("max")
            ).orderBy("status")),
        // Over moving frames too, and on values far from 0 whose spread is small (the sum-of-squares formula gave
        // 236.9 for 237.3 on SQLite).
        GoldenCase(
            "moving_statistics", ordered: true,
            orders.where(col("id") <= 12).select(
                col("id"),
                F.round(F.stddev(col("amount") + 1e9).over(orderBy: [col("id")], rowsBetween: (-2, 0)), scale: 4)
                    .alias("stddev"),
                F.round(F.variance(col("amount")).over(orderBy: [col("id")], rowsBetween: (-3, 1)), scale: 2).alias(
                    "variance"),
                F.round(
                    F.covar(col("amount") + 1e9, col("id")).over(orderBy: [col("id")], rowsBetween: (-2, 0)), scale: 4
                )
                .alias("covar"),
                F.round(F.corr(col("amount"), col("customer_id")).over(partitionBy: ["status"]), scale: 6).alias("corr")
            ).orderBy("id")),
        GoldenCase(
            "percentile", ordered: true,
            orders.groupBy("status").agg(
                F.round(F.percentile_cont(col("amount"), 0.5), scale: 4).alias("median"),
                F.percentile_disc(col("customer_id"), 0.25).alias("quartile")
            ).orderBy("status")),
        GoldenCase(
            "conditional_functions", ordered: true,
            customers.select(
                col("id"), F.coalesce(col("email"), "none").alias("email"), F.isnull(col("email")).alias("missing"),
                F.isnan(col("id").cast("DOUBLE")).alias("nan"), F.isinf(col("id").cast("DOUBLE")).alias("inf")
            ).orderBy("id").limit(10)),
        GoldenCase(
            "hashes", ordered: true,
            customers.select(
                col("id"), F.md5(col("name")).alias("md5"), F.sha2(col("name"), numBits: 256).alias("sha256"),
                F.base64(col("name")).alias("base64"), F.md5(col("active")).alias("md5_boolean"),
                F.md5(col("id").cast("DOUBLE")).alias("md5_real"),
                F.sha2(col("id").cast("DOUBLE") / 2, numBits: 256).alias("sha_real"),
                F.base64(col("active")).alias("base64_boolean"),
                F.md5(lit(DatabaseValue.blob([0, 255, 16]))).alias("md5_blob"),
                F.base64(lit(DatabaseValue.blob([0, 255, 16]))).alias("base64_blob")
            ).orderBy("id").limit(3)),
        // SHA-1 (SQL on PostgreSQL, which has it only in pgcrypto) and the other digests of messages over one block.
        GoldenCase(
            "digests_of_long_text", ordered: true,
            customers.withColumn(
                "long", F.concat(col("name"), lit(String(repeating: "–long text–", count: 6)), col("email"))
            )
            .select(
                col("id"), F.sha1(col("name")).alias("sha1"), F.sha1(col("long")).alias("sha1_long"),
                F.md5(col("long")).alias("md5_long"), F.sha2(col("long"), numBits: 256).alias("sha256_long"),
                F.sha1(col("active")).alias("sha1_boolean"), F.sha1(lit("")).alias("sha1_empty")
            ).orderBy("id").limit(6)),
        // CRC-32 and Soundex, registered on SQLite and written in SQL on PostgreSQL (which has neither built in).
        GoldenCase(
            "crc32_and_soundex", ordered: true,
            customers.select(
                col("id"), F.crc32(col("name")).alias("crc"), F.crc32(col("active")).alias("crc_boolean"),
                F.crc32(col("id").cast("DOUBLE") / 2).alias("crc_real"),
                F.crc32(lit(DatabaseValue.blob([0, 255, 16]))).alias("crc_blob"),
                F.crc32(col("email")).alias("crc_email"),
                F.soundex(col("name")).alias("soundex"), F.soundex(lit("Ashcraft")).alias("ashcraft"),
                F.soundex(lit("Pfister")).alias("pfister"), F.soundex(lit("12 Wu-Lee")).alias("wu_lee"),
                F.soundex(lit("99")).alias("no_letter")
            ).orderBy("id").limit(12)),
        // F.hash gives the same number on both databases (PostgreSQL's hashtextextended, computed on SQLite too):
        // names of every length across the 12-byte blocks, several values, NULLs skipped, booleans, integral reals.
        GoldenCase(
            "hash", ordered: true,
            customers.select(
                col("id"), F.hash(col("name")).alias("name"), F.hash(col("id"), col("country")).alias("pair"),
                F.hash(col("email"), col("id")).alias("with_null"), F.hash(col("active")).alias("boolean"),
                F.hash(col("id").cast("DOUBLE") / 2).alias("real"),
                F.hash(F.substring(col("name"), 1, len: col("id") % 14)).alias("prefix")
            ).orderBy("id").limit(30)),
        GoldenCase(
            "arrays", ordered: true,
            products.where(col("id") < 4).select(
                col("id"), F.array(col("id"), col("stock")).alias("pair"),
                F.array_length(F.split(col("name"), " ")).alias("words"),
                F.array_contains(F.array(col("id"), col("stock")), 1).alias("has_one")
            ).orderBy("id")),
        GoldenCase(
            "array_functions", ordered: true,
            products.where(col("id") < 4).withColumn("a", F.array(col("stock"), col("id"), col("stock"))).select(
                col("id"), F.array_max(col("a")).alias("max"), F.array_min(col("a")).alias("min"),
                F.array_sum(col("a")).alias("sum"), F.array_position(col("a"), col("id")).alias("position"),
                F.array_append(col("a"), 7).alias("appended"), F.array_prepend(col("a"), 7).alias("prepended"),
                F.array_remove(col("a"), col("id")).alias("removed"), F.array_distinct(col("a")).alias("distinct"),
                F.array_sort(col("a")).alias("sorted")
            ).orderBy("id")),
        GoldenCase(
            "select_expr_and_where_string", ordered: true,
            orders.where("amount > 1500 AND status IN ('paid', 'shipped') AND NOT customer_id BETWEEN 3 AND 5")
                .selectExpr("id", "amount * 2 AS double_amount", "UPPER(status) s", "length(status) AS n")
                .orderBy("id")),
        GoldenCase(
            "select_expr_case_and_cast", ordered: true,
            orders.where("CASE status WHEN 'paid' THEN amount ELSE 0 END > 1000").selectExpr(
                "id", "CASE WHEN amount > 2000 THEN 'large' WHEN amount > 1500 THEN 'medium' ELSE 'small' END AS size",
                "CAST(amount AS INTEGER) AS whole", "CAST(amount / 7 AS DECIMAL(10, 2)) seventh"
            ).orderBy("id").limit(8)),
        GoldenCase(
            "join_on_two_names", ordered: true,
            orders.select(col("id").alias("order_id"), (col("customer_id") % 3).alias("k")).join(
                items.select(col("order_id"), (col("product_id") % 3).alias("k"), col("quantity")),
                on: ["order_id", "k"]
            ).orderBy("order_id", "k", "quantity").limit(10)),
        GoldenCase(
            "right_join", ordered: true,
            orders.where(col("id") < 5).join(
                customers, on: col("orders.customer_id") == col("customers.id"), how: .right
            )
            .select(col("customers.id").alias("customer"), col("orders.id").alias("order")).orderBy(
                "customer", "order"
            ).limit(8)),
        GoldenCase(
            "full_join_using", ordered: true,
            orders.where(col("id") < 4).select(col("customer_id").alias("id"), col("amount")).join(
                customers.where(col("id") < 10).select("id", "country"), on: "id", how: .full
            ).orderBy("id", "amount")),
        GoldenCase(
            "cross_join", ordered: true,
            products.where(col("id") < 3).select(col("id").alias("a")).crossJoin(
                products.where(col("id") < 3).select(col("id").alias("b"))
            ).orderBy("a", "b")),
        GoldenCase(
            "semi_and_anti_join", ordered: true,
            customers.semiJoin(orders.where(col("amount") > 1500), on: col("customers.id") == col("orders.customer_id"))
                .antiJoin(
                    orders.where(col("status") == "cancelled"), on: col("customers.id") == col("orders.customer_id")
                )
                .select("id").orderBy("id")),
        GoldenCase(
            "window_frames", ordered: true,
            orders.where(col("customer_id") < 3).select(
                col("id"),
                F.sum(col("amount")).over(partitionBy: ["customer_id"], orderBy: [col("id")], rowsBetween: (-1, 1))
                    .alias("moving"),
                F.count().over(partitionBy: ["customer_id"], orderBy: [col("id")], rangeBetween: (nil, 0)).alias(
                    "running"),
                F.last_value(col("id")).over(
                    Window.partitionBy("customer_id").orderBy(col("id")).rowsBetween(nil, nil)
                ).alias("last")
            ).orderBy("id")),
        GoldenCase(
            "json_functions", ordered: true,
            customers.where(col("id") < 4).withColumn(
                "doc",
                F.concat(lit("{\"name\": \""), col("country"), lit("\", \"n\": "), col("id").cast("TEXT"), lit("}"))
            ).select(
                col("id"), F.json_extract(col("doc"), "$.name").alias("name"),
                F.json_extract(col("doc"), "$.n").alias("n"),
                F.json_extract(lit("{\"ok\": true, \"no\": null}"), "$.ok").alias("ok"),
                F.json_extract(lit("{\"ok\": true, \"no\": null}"), "$.no").alias("no"),
                F.json_tuple(col("doc"), "name", "n").alias("tuple"),
                F.json_array_length(F.array(col("id"), col("id"))).alias("length")
            ).orderBy("id")),
        // The length of JSON that is not an array is NULL, as in Spark (SQLite said 0, PostgreSQL raised an error).
        GoldenCase(
            "json_not_an_array", ordered: true,
            customers.where(col("id") < 3).select(
                col("id"), F.json_array_length(lit("{\"a\": 1}")).alias("object_length"),
                F.json_array_length(lit("\"text\"")).alias("string_length"),
                F.array_length(F.from_json(lit("{\"a\": [1, 2]}"))).alias("array_length"),
                F.array_contains(F.from_json(lit("{\"a\": 1}")), 1).alias("contains"),
                F.json_array_length(lit("[1, [2, 3]]")).alias("nested_length")
            ).orderBy("id")),
        GoldenCase(
            "window_in_where", ordered: true,
            orders.where(F.row_number().over(partitionBy: ["customer_id"], orderBy: [col("id")]) == 1).select(
                "customer_id", "id"
            ).orderBy("customer_id").limit(5)),
        GoldenCase(
            "date_and_boolean_literals", ordered: true,
            orders.join(customers, on: col("orders.customer_id") == col("customers.id")).where(
                (col("ordered_at") >= "2024-06-01") & (col("ordered_at") < "2024-07-01") & (col("active") == true)
            ).select(col("orders.id")).orderBy("id")),
        GoldenCase(
            "distinct_then_select_and_set_then_sort", ordered: true,
            orders.select("status", "customer_id").distinct().select("status").union(customers.select("country"))
                .orderBy(col("status").desc()).limit(4)),
        GoldenCase("sample", orders.sample(0.5).select("id")),
        GoldenCase(
            "raw_sql_source", ordered: true,
            DataFrame(
                .rawSQL(RawSQL("SELECT id, amount FROM orders WHERE amount > :minimum", parameters: ["minimum": 1500]))
            )
            .where(col("id") < 100).orderBy("id")),
        GoldenCase(
            "hostile_values", ordered: true,
            customers.where(col("name") == "x'; DROP TABLE customers; --").select("id")),
        GoldenCase(
            "monotonically_increasing_id", ordered: true,
            products.select(F.monotonically_increasing_id().alias("n"), col("id")).orderBy("id").limit(3)),
        GoldenCase(
            "monotonically_increasing_id_ordered", ordered: true,
            products.select(
                F.monotonically_increasing_id().over(Window.orderBy(col("id").desc())).alias("n"), col("id")
            ).orderBy("id").limit(3)),
        GoldenCase(
            "monotonically_increasing_id_filtered", ordered: true,
            products.withColumn("n", F.monotonically_increasing_id()).where(col("n") <= 2).select("id", "n")
                .orderBy("id")),

        // unionByName, row locks, lateral joins and join hints.
        GoldenCase(
            "union_by_name", ordered: true,
            orders.select("id", "amount").where(col("id") <= 3).unionByName(
                orders.select("amount", "id").where(col("id") <= 2)
            ).orderBy("id", "amount")),
        GoldenCase(
            "union_by_name_allow_missing", ordered: true,
            customers.select("id", "name").where(col("id") <= 3).unionByName(
                products.select("price", "id").where(col("id") <= 2), allowMissingColumns: true
            ).orderBy("id", "name", "price")),
        GoldenCase(
            "select_for_update", ordered: true,
            orders.where(col("amount") > 1000).selectForUpdate().select("id", "amount").orderBy("id").limit(5)),
        GoldenCase(
            "select_for_update_skip_locked", ordered: true,
            orders.where(col("status") == "shipped").selectForUpdate(skipLocked: true, of: ["orders"]).select("id")
                .orderBy("id").limit(3)),
        GoldenCase(
            "select_for_share_nowait", ordered: true,
            customers.selectForShare(nowait: true).select("id").orderBy("id").limit(3)),
        GoldenCase(
            "select_for_update_then_group", ordered: true,
            orders.selectForUpdate().groupBy("status").agg(F.count("*").alias("n")).orderBy("status")),
        GoldenCase(
            "lateral_join_latest_order", ordered: true,
            customers.join(
                orders.where(col("orders.customer_id") == col("customers.id"))
                    .orderBy(col("amount").desc(), col("id")).limit(1).select(col("id").alias("order_id"), "amount"),
                lateral: true
            ).select(col("customers.id"), "order_id", "amount").orderBy("id").limit(10)),
        GoldenCase(
            "lateral_left_join_on", ordered: true,
            customers.join(
                orders.where(col("orders.customer_id") == col("customers.id")).select(
                    col("id").alias("order_id"), "amount"),
                on: col("amount") > 1500, how: .left, lateral: true
            ).select(col("customers.id"), "order_id").orderBy("id", "order_id").limit(10)),
        GoldenCase(
            "join_hints", ordered: true,
            orders.join(
                customers, on: col("orders.customer_id") == col("customers.id"), lateral: false,
                hints: ["IndexScan(orders)", "x */ DROP TABLE customers; /* y", "/*/", "nul\u{0}end"]
            ).select(col("orders.id"), "country").orderBy("id").limit(3)),

        // Mutations.
        GoldenCase(
            "insert_rows",
            mutation: .insert(
                table: TableReference("products"), columns: ["id", "name", "category", "price", "stock"],
                rows: [
                    [.literal(100), .literal("Cable \"x\""), .literal("it's"), .literal(9.5), .literal(3)],
                    [.literal(101), .literal("Lamp"), .literal("office"), .literal(19.0), .literal(0)],
                ])),
        GoldenCase(
            "update_with_expression",
            mutation: .update(
                table: TableReference("products"),
                assignments: [Assignment("price", (col("price") * 2).expression), Assignment("stock", .literal(0))],
                where: (col("category") == "audio").expression)),
        GoldenCase(
            "delete_where",
            mutation: .delete(table: TableReference("order_items"), where: (col("quantity") == 3).expression)),
        GoldenCase(
            "upsert_update",
            mutation: .upsert(
                Upsert(
                    table: TableReference("products"), columns: ["id", "name", "category", "price", "stock"],
                    rows: [[.literal(1), .literal("Keyboard"), .literal("hardware"), .literal(10.0), .literal(5)]],
                    conflictColumns: ["id"],
                    action: .update([
                        Assignment("stock", (col("products.stock") + excluded("stock")).expression),
                        Assignment("price", excluded("price").expression),
                    ])))),
        GoldenCase(
            "upsert_nothing",
            mutation: .upsert(
                Upsert(
                    table: TableReference("products"), columns: ["id", "name", "category", "price", "stock"],
                    rows: [[.literal(1), .literal("Keyboard"), .literal("hardware"), .literal(10.0), .literal(5)]],
                    conflictColumns: ["id"], action: .doNothing))),
        GoldenCase(
            "create_table",
            mutation: .createTable(
                TableDefinition(
                    TableReference("audit \"log\""),
                    columns: [
                        column("id", "INTEGER", primaryKey: true),
                        column("note", "TEXT", nullable: false, default: "it's"),
                        column("amount", "DECIMAL", precision: 10, scale: 2), column("at", "TIMESTAMP"),
                        column("code", "VARCHAR(8)"), column("rate", "decimal(6, 3)"),
                    ],
                    constraints: [.check(name: "positive", condition: (col("amount") >= 0).expression)]))),
        GoldenCase("drop_table", mutation: .dropTable(TableReference("audit"), ifExists: true)),
        GoldenCase(
            "create_index",
            mutation: .createIndex(
                IndexDefinition(
                    name: "orders_by_status", table: TableReference("orders"), columns: ["status", "amount"]))),
        GoldenCase(
            "insert_select",
            mutation: .insertSelect(
                table: TableReference("orders"), columns: nil,
                query: orders.where(col("id") < 3).withColumn("id", col("id") + 1000).plan)),
    ]
}

extension DataFrame {
    /// A DataFrame counting this one's rows (what `count()` runs).
    func count_frame() -> DataFrame {
        DataFrame(
            .aggregate(
                plan, groupBy: [],
                aggregates: [.alias(.function(FunctionCall(BuiltinFunction.named("count")!, [])), "count")]))
    }
}
