/// The functions of the API (`F.sum`, `F.upper`, …), each building a ``Column`` that calls a
/// ``BuiltinFunction`` of the registry. Column arguments are ``Column``s (a string is never taken as a column
/// name, avoiding the Python library's `F.sum("x")` trap); other arguments are Swift values or columns.
///
/// ```swift
/// df.groupBy("status").agg(F.sum(col("amount")).alias("total"), F.count().alias("n"))
/// ```
public enum F {
    static func call(_ name: String, _ arguments: [Expression], distinct: Bool = false) -> Column {
        Column(.function(FunctionCall(BuiltinFunction.builtin(name), arguments, distinct: distinct)))
    }

    /// `count(*)`.
    public static func count() -> Column { call("count", []) }

    /// `count(col)`: the non-NULL values.
    public static func count(_ col: Column) -> Column { call("count", [col.expression]) }

    /// `count("*")` as in the API; any other string counts the named column.
    public static func count(_ name: String) -> Column {
        name == "*" ? count() : call("count", [name.selectionExpression])
    }

    /// `count(DISTINCT …)`.
    public static func count_distinct(_ cols: Column...) -> Column {
        call("count_distinct", cols.map(\.expression))
    }

    /// Swift spelling of ``count_distinct(_:)``.
    public static func countDistinct(_ cols: Column...) -> Column { call("count_distinct", cols.map(\.expression)) }

    /// Concatenation; NULL if any part is NULL.
    public static func concat(_ cols: any ColumnConvertible...) -> Column {
        call("concat", cols.map(\.columnExpression))
    }

    /// The first non-NULL value.
    public static func coalesce(_ cols: any ColumnConvertible...) -> Column {
        call("coalesce", cols.map(\.columnExpression))
    }

    /// The largest non-NULL value.
    public static func greatest(_ cols: any ColumnConvertible...) -> Column {
        call("greatest", cols.map(\.columnExpression))
    }

    /// The smallest non-NULL value.
    public static func least(_ cols: any ColumnConvertible...) -> Column {
        call("least", cols.map(\.columnExpression))
    }

    /// An array (JSON text on SQLite and PostgreSQL) of the values.
    public static func array(_ cols: any ColumnConvertible...) -> Column {
        call("array", cols.map(\.columnExpression))
    }

    /// A hash of the values (engine-specific, like every SQL hash).
    public static func hash(_ cols: Column...) -> Column { call("hash", cols.map(\.expression)) }

    /// The values at several JSON paths, as a JSON array.
    public static func json_tuple(_ col: Column, _ fields: String...) -> Column {
        call("json_tuple", [col.expression] + fields.map { .literal(.text($0)) })
    }

    /// The value `offset` rows before the current one in the window, or `default`.
    public static func lag(_ col: Column, offset: Int = 1, default fallback: (any ColumnConvertible)? = nil) -> Column {
        call(
            "lag", [col.expression, .literal(.integer(Int64(offset)))] + (fallback.map { [$0.columnExpression] } ?? []))
    }

    /// The value `offset` rows after the current one in the window, or `default`.
    public static func lead(_ col: Column, offset: Int = 1, default fallback: (any ColumnConvertible)? = nil) -> Column
    {
        call(
            "lead",
            [col.expression, .literal(.integer(Int64(offset)))] + (fallback.map { [$0.columnExpression] } ?? []))
    }

    /// Starts a `CASE WHEN` chain.
    public static func when(_ condition: Column, _ value: any ColumnConvertible) -> Column {
        Moltres.when(condition, value)
    }

    /// A literal.
    public static func lit(_ value: DatabaseValue) -> Column { Column(.literal(value)) }

    /// `IS NULL`.
    public static func isnull(_ col: Column) -> Column { col.is_null() }

    /// `IS NOT NULL`.
    public static func isnotnull(_ col: Column) -> Column { col.is_not_null() }

    /// A subquery giving one value.
    public static func scalar_subquery(_ df: DataFrame) -> Column { Column(.scalarSubquery(df.plan)) }

    /// `EXISTS (subquery)`; the subquery may refer to the outer query's columns.
    public static func exists(_ df: DataFrame) -> Column { Column(.exists(df.plan, negated: false)) }

    /// `NOT EXISTS (subquery)`.
    public static func not_exists(_ df: DataFrame) -> Column { Column(.exists(df.plan, negated: true)) }

    /// One row per element of an array column; valid as the single generator in `select`.
    public static func explode(_ col: Column) -> Column {
        Column(.function(FunctionCall(BuiltinFunction.builtin("explode"), [col.expression])))
    }

    /// `sum` (aggregate); see API.md §d.
    public static func sum(_ col: Column) -> Column { call("sum", [col.expression]) }

    /// `avg` (aggregate); see API.md §d.
    public static func avg(_ col: Column) -> Column { call("avg", [col.expression]) }

    /// `mean` (aggregate); see API.md §d.
    public static func mean(_ col: Column) -> Column { call("mean", [col.expression]) }

    /// `min` (aggregate); see API.md §d.
    public static func min(_ col: Column) -> Column { call("min", [col.expression]) }

    /// `max` (aggregate); see API.md §d.
    public static func max(_ col: Column) -> Column { call("max", [col.expression]) }

    /// `stddev` (aggregate); see API.md §d.
    public static func stddev(_ col: Column) -> Column { call("stddev", [col.expression]) }

    /// `variance` (aggregate); see API.md §d.
    public static func variance(_ col: Column) -> Column { call("variance", [col.expression]) }

    /// `collect_list` (aggregate); see API.md §d.
    public static func collect_list(_ col: Column) -> Column { call("collect_list", [col.expression]) }

    /// `collect_set` (aggregate); see API.md §d.
    public static func collect_set(_ col: Column) -> Column { call("collect_set", [col.expression]) }

    /// `corr` (aggregate); see API.md §d.
    public static func corr(_ col1: Column, _ col2: Column) -> Column {
        call("corr", [col1.expression, col2.expression])
    }

    /// `covar` (aggregate); see API.md §d.
    public static func covar(_ col1: Column, _ col2: Column) -> Column {
        call("covar", [col1.expression, col2.expression])
    }

    /// `percentile_cont` (aggregate); see API.md §d.
    public static func percentile_cont(_ col: Column, _ fraction: any ColumnConvertible) -> Column {
        call("percentile_cont", [col.expression, fraction.columnExpression])
    }

    /// `percentile_disc` (aggregate); see API.md §d.
    public static func percentile_disc(_ col: Column, _ fraction: any ColumnConvertible) -> Column {
        call("percentile_disc", [col.expression, fraction.columnExpression])
    }

    /// `upper` (string); see API.md §d.
    public static func upper(_ col: Column) -> Column { call("upper", [col.expression]) }

    /// `lower` (string); see API.md §d.
    public static func lower(_ col: Column) -> Column { call("lower", [col.expression]) }

    /// `length` (string); see API.md §d.
    public static func length(_ col: Column) -> Column { call("length", [col.expression]) }

    /// `trim` (string); see API.md §d.
    public static func trim(_ col: Column) -> Column { call("trim", [col.expression]) }

    /// `ltrim` (string); see API.md §d.
    public static func ltrim(_ col: Column) -> Column { call("ltrim", [col.expression]) }

    /// `rtrim` (string); see API.md §d.
    public static func rtrim(_ col: Column) -> Column { call("rtrim", [col.expression]) }

    /// `initcap` (string); see API.md §d.
    public static func initcap(_ col: Column) -> Column { call("initcap", [col.expression]) }

    /// `substring` (string); see API.md §d.
    public static func substring(
        _ col: Column, _ pos: any ColumnConvertible, len: (any ColumnConvertible)? = nil
    ) -> Column { call("substring", [col.expression, pos.columnExpression, len?.columnExpression].compactMap { $0 }) }

    /// `replace` (string); see API.md §d.
    public static func replace(
        _ col: Column, _ search: any ColumnConvertible, _ replacement: any ColumnConvertible
    ) -> Column { call("replace", [col.expression, search.columnExpression, replacement.columnExpression]) }

    /// `instr` (string); see API.md §d.
    public static func instr(_ col: Column, _ substr: any ColumnConvertible) -> Column {
        call("instr", [col.expression, substr.columnExpression])
    }

    /// `locate` (string); see API.md §d.
    public static func locate(
        _ substr: any ColumnConvertible, _ col: Column, pos: (any ColumnConvertible)? = nil
    ) -> Column { call("locate", [substr.columnExpression, col.expression, pos?.columnExpression].compactMap { $0 }) }

    /// `lpad` (string); see API.md §d.
    public static func lpad(
        _ col: Column, _ length: any ColumnConvertible, pad: (any ColumnConvertible)? = nil
    ) -> Column { call("lpad", [col.expression, length.columnExpression, pad?.columnExpression].compactMap { $0 }) }

    /// `rpad` (string); see API.md §d.
    public static func rpad(
        _ col: Column, _ length: any ColumnConvertible, pad: (any ColumnConvertible)? = nil
    ) -> Column { call("rpad", [col.expression, length.columnExpression, pad?.columnExpression].compactMap { $0 }) }

    /// `regexp_replace` (string); see API.md §d.
    public static func regexp_replace(
        _ col: Column, _ pattern: any ColumnConvertible, _ replacement: any ColumnConvertible
    ) -> Column { call("regexp_replace", [col.expression, pattern.columnExpression, replacement.columnExpression]) }

    /// `split` (string); see API.md §d.
    public static func split(_ col: Column, _ delimiter: any ColumnConvertible) -> Column {
        call("split", [col.expression, delimiter.columnExpression])
    }

    /// `regexp_extract` (string); see API.md §d.
    public static func regexp_extract(
        _ col: Column, _ pattern: any ColumnConvertible, idx: (any ColumnConvertible)? = nil
    ) -> Column {
        call("regexp_extract", [col.expression, pattern.columnExpression, idx?.columnExpression].compactMap { $0 })
    }

    /// `translate` (string); see API.md §d.
    public static func translate(
        _ col: Column, _ from_chars: any ColumnConvertible, _ to_chars: any ColumnConvertible
    ) -> Column { call("translate", [col.expression, from_chars.columnExpression, to_chars.columnExpression]) }

    /// `round` (math); see API.md §d.
    public static func round(_ col: Column, scale: (any ColumnConvertible)? = nil) -> Column {
        call("round", [col.expression, scale?.columnExpression].compactMap { $0 })
    }

    /// `floor` (math); see API.md §d.
    public static func floor(_ col: Column) -> Column { call("floor", [col.expression]) }

    /// `ceil` (math); see API.md §d.
    public static func ceil(_ col: Column) -> Column { call("ceil", [col.expression]) }

    /// `abs` (math); see API.md §d.
    public static func abs(_ col: Column) -> Column { call("abs", [col.expression]) }

    /// `sqrt` (math); see API.md §d.
    public static func sqrt(_ col: Column) -> Column { call("sqrt", [col.expression]) }

    /// `exp` (math); see API.md §d.
    public static func exp(_ col: Column) -> Column { call("exp", [col.expression]) }

    /// `sin` (math); see API.md §d.
    public static func sin(_ col: Column) -> Column { call("sin", [col.expression]) }

    /// `cos` (math); see API.md §d.
    public static func cos(_ col: Column) -> Column { call("cos", [col.expression]) }

    /// `tan` (math); see API.md §d.
    public static func tan(_ col: Column) -> Column { call("tan", [col.expression]) }

    /// `asin` (math); see API.md §d.
    public static func asin(_ col: Column) -> Column { call("asin", [col.expression]) }

    /// `acos` (math); see API.md §d.
    public static func acos(_ col: Column) -> Column { call("acos", [col.expression]) }

    /// `atan` (math); see API.md §d.
    public static func atan(_ col: Column) -> Column { call("atan", [col.expression]) }

    /// `log` (math); see API.md §d.
    public static func log(_ col: Column) -> Column { call("log", [col.expression]) }

    /// `log10` (math); see API.md §d.
    public static func log10(_ col: Column) -> Column { call("log10", [col.expression]) }

    /// `log2` (math); see API.md §d.
    public static func log2(_ col: Column) -> Column { call("log2", [col.expression]) }

    /// `sign` (math); see API.md §d.
    public static func sign(_ col: Column) -> Column { call("sign", [col.expression]) }

    /// `signum` (math); see API.md §d.
    public static func signum(_ col: Column) -> Column { call("signum", [col.expression]) }

    /// `atan2` (math); see API.md §d.
    public static func atan2(_ y: Column, _ x: Column) -> Column { call("atan2", [y.expression, x.expression]) }

    /// `hypot` (math); see API.md §d.
    public static func hypot(_ x: Column, _ y: Column) -> Column { call("hypot", [x.expression, y.expression]) }

    /// `pow` (math); see API.md §d.
    public static func pow(_ base: Column, _ exp: any ColumnConvertible) -> Column {
        call("pow", [base.expression, exp.columnExpression])
    }

    /// `power` (math); see API.md §d.
    public static func power(_ base: Column, _ exp: any ColumnConvertible) -> Column {
        call("power", [base.expression, exp.columnExpression])
    }

    /// `year` (datetime); see API.md §d.
    public static func year(_ col: Column) -> Column { call("year", [col.expression]) }

    /// `month` (datetime); see API.md §d.
    public static func month(_ col: Column) -> Column { call("month", [col.expression]) }

    /// `day` (datetime); see API.md §d.
    public static func day(_ col: Column) -> Column { call("day", [col.expression]) }

    /// `hour` (datetime); see API.md §d.
    public static func hour(_ col: Column) -> Column { call("hour", [col.expression]) }

    /// `minute` (datetime); see API.md §d.
    public static func minute(_ col: Column) -> Column { call("minute", [col.expression]) }

    /// `second` (datetime); see API.md §d.
    public static func second(_ col: Column) -> Column { call("second", [col.expression]) }

    /// `dayofweek` (datetime); see API.md §d.
    public static func dayofweek(_ col: Column) -> Column { call("dayofweek", [col.expression]) }

    /// `dayofyear` (datetime); see API.md §d.
    public static func dayofyear(_ col: Column) -> Column { call("dayofyear", [col.expression]) }

    /// `quarter` (datetime); see API.md §d.
    public static func quarter(_ col: Column) -> Column { call("quarter", [col.expression]) }

    /// `weekofyear` (datetime); see API.md §d.
    public static func weekofyear(_ col: Column) -> Column { call("weekofyear", [col.expression]) }

    /// `week` (datetime); see API.md §d.
    public static func week(_ col: Column) -> Column { call("week", [col.expression]) }

    /// `last_day` (datetime); see API.md §d.
    public static func last_day(_ col: Column) -> Column { call("last_day", [col.expression]) }

    /// `date_trunc` (datetime); see API.md §d.
    public static func date_trunc(_ unit: any ColumnConvertible, _ col: Column) -> Column {
        call("date_trunc", [unit.columnExpression, col.expression])
    }

    /// `date_add` (datetime); see API.md §d.
    public static func date_add(_ col: Column, _ interval: any ColumnConvertible) -> Column {
        call("date_add", [col.expression, interval.columnExpression])
    }

    /// `date_sub` (datetime); see API.md §d.
    public static func date_sub(_ col: Column, _ interval: any ColumnConvertible) -> Column {
        call("date_sub", [col.expression, interval.columnExpression])
    }

    /// `datediff` (datetime); see API.md §d.
    public static func datediff(_ end: Column, _ start: Column) -> Column {
        call("datediff", [end.expression, start.expression])
    }

    /// `months_between` (datetime); see API.md §d.
    public static func months_between(_ date1: Column, _ date2: Column) -> Column {
        call("months_between", [date1.expression, date2.expression])
    }

    /// `unix_timestamp` (datetime); see API.md §d.
    public static func unix_timestamp(col: Column? = nil, format: (any ColumnConvertible)? = nil) -> Column {
        call("unix_timestamp", [col?.expression, format?.columnExpression].compactMap { $0 })
    }

    /// `from_unixtime` (datetime); see API.md §d.
    public static func from_unixtime(_ col: Column, format: (any ColumnConvertible)? = nil) -> Column {
        call("from_unixtime", [col.expression, format?.columnExpression].compactMap { $0 })
    }

    /// `current_date` (datetime); see API.md §d.
    public static func current_date() -> Column { call("current_date", []) }

    /// `current_timestamp` (datetime); see API.md §d.
    public static func current_timestamp() -> Column { call("current_timestamp", []) }

    /// `date_format` (datetime); see API.md §d.
    public static func date_format(_ col: Column, _ format: any ColumnConvertible) -> Column {
        call("date_format", [col.expression, format.columnExpression])
    }

    /// `to_date` (datetime); see API.md §d.
    public static func to_date(_ col: Column, format: (any ColumnConvertible)? = nil) -> Column {
        call("to_date", [col.expression, format?.columnExpression].compactMap { $0 })
    }

    /// `to_timestamp` (datetime); see API.md §d.
    public static func to_timestamp(_ col: Column, format: (any ColumnConvertible)? = nil) -> Column {
        call("to_timestamp", [col.expression, format?.columnExpression].compactMap { $0 })
    }

    /// `add_months` (datetime); see API.md §d.
    public static func add_months(_ col: Column, _ months: any ColumnConvertible) -> Column {
        call("add_months", [col.expression, months.columnExpression])
    }

    /// `row_number` (window); see API.md §d.
    public static func row_number() -> Column { call("row_number", []) }

    /// `rank` (window); see API.md §d.
    public static func rank() -> Column { call("rank", []) }

    /// `dense_rank` (window); see API.md §d.
    public static func dense_rank() -> Column { call("dense_rank", []) }

    /// `percent_rank` (window); see API.md §d.
    public static func percent_rank() -> Column { call("percent_rank", []) }

    /// `cume_dist` (window); see API.md §d.
    public static func cume_dist() -> Column { call("cume_dist", []) }

    /// `monotonically_increasing_id` (window); see API.md §d.
    public static func monotonically_increasing_id() -> Column { call("monotonically_increasing_id", []) }

    /// `ntile` (window); see API.md §d.
    public static func ntile(_ n: any ColumnConvertible) -> Column { call("ntile", [n.columnExpression]) }

    /// `first_value` (window); see API.md §d.
    public static func first_value(_ col: Column) -> Column { call("first_value", [col.expression]) }

    /// `last_value` (window); see API.md §d.
    public static func last_value(_ col: Column) -> Column { call("last_value", [col.expression]) }

    /// `nth_value` (window); see API.md §d.
    public static func nth_value(_ col: Column, _ n: any ColumnConvertible) -> Column {
        call("nth_value", [col.expression, n.columnExpression])
    }

    /// `array_length` (array); see API.md §d.
    public static func array_length(_ col: Column) -> Column { call("array_length", [col.expression]) }

    /// `array_max` (array); see API.md §d.
    public static func array_max(_ col: Column) -> Column { call("array_max", [col.expression]) }

    /// `array_min` (array); see API.md §d.
    public static func array_min(_ col: Column) -> Column { call("array_min", [col.expression]) }

    /// `array_distinct` (array); see API.md §d.
    public static func array_distinct(_ col: Column) -> Column { call("array_distinct", [col.expression]) }

    /// `array_sum` (array); see API.md §d.
    public static func array_sum(_ col: Column) -> Column { call("array_sum", [col.expression]) }

    /// `array_sort` (array); see API.md §d.
    public static func array_sort(_ col: Column) -> Column { call("array_sort", [col.expression]) }

    /// `array_contains` (array); see API.md §d.
    public static func array_contains(_ col: Column, _ value: any ColumnConvertible) -> Column {
        call("array_contains", [col.expression, value.columnExpression])
    }

    /// `array_position` (array); see API.md §d.
    public static func array_position(_ col: Column, _ value: any ColumnConvertible) -> Column {
        call("array_position", [col.expression, value.columnExpression])
    }

    /// `array_append` (array); see API.md §d.
    public static func array_append(_ col: Column, _ value: any ColumnConvertible) -> Column {
        call("array_append", [col.expression, value.columnExpression])
    }

    /// `array_prepend` (array); see API.md §d.
    public static func array_prepend(_ col: Column, _ value: any ColumnConvertible) -> Column {
        call("array_prepend", [col.expression, value.columnExpression])
    }

    /// `array_remove` (array); see API.md §d.
    public static func array_remove(_ col: Column, _ value: any ColumnConvertible) -> Column {
        call("array_remove", [col.expression, value.columnExpression])
    }

    /// `json_extract` (json); see API.md §d.
    public static func json_extract(_ col: Column, _ path: any ColumnConvertible) -> Column {
        call("json_extract", [col.expression, path.columnExpression])
    }

    /// `json_array_length` (json); see API.md §d.
    public static func json_array_length(_ col: Column) -> Column { call("json_array_length", [col.expression]) }

    /// `from_json` (json); see API.md §d.
    public static func from_json(_ col: Column, schema: (any ColumnConvertible)? = nil) -> Column {
        call("from_json", [col.expression, schema?.columnExpression].compactMap { $0 })
    }

    /// `to_json` (json); see API.md §d.
    public static func to_json(_ col: Column) -> Column { call("to_json", [col.expression]) }

    /// `isnan` (conditional); see API.md §d.
    public static func isnan(_ col: Column) -> Column { call("isnan", [col.expression]) }

    /// `isinf` (conditional); see API.md §d.
    public static func isinf(_ col: Column) -> Column { call("isinf", [col.expression]) }

    /// `md5` (misc); see API.md §d.
    public static func md5(_ col: Column) -> Column { call("md5", [col.expression]) }

    /// `sha1` (misc); see API.md §d.
    public static func sha1(_ col: Column) -> Column { call("sha1", [col.expression]) }

    /// `base64` (misc); see API.md §d.
    public static func base64(_ col: Column) -> Column { call("base64", [col.expression]) }

    /// `crc32` (misc); see API.md §d.
    public static func crc32(_ col: Column) -> Column { call("crc32", [col.expression]) }

    /// `soundex` (misc); see API.md §d.
    public static func soundex(_ col: Column) -> Column { call("soundex", [col.expression]) }

    /// `sha2` (misc); see API.md §d.
    public static func sha2(_ col: Column, numBits: (any ColumnConvertible)? = nil) -> Column {
        call("sha2", [col.expression, numBits?.columnExpression].compactMap { $0 })
    }

    /// `rand` (misc); see API.md §d.
    public static func rand(seed: (any ColumnConvertible)? = nil) -> Column {
        call("rand", [seed?.columnExpression].compactMap { $0 })
    }

    /// `randn` (misc); see API.md §d.
    public static func randn(seed: (any ColumnConvertible)? = nil) -> Column {
        call("randn", [seed?.columnExpression].compactMap { $0 })
    }
}

/// `sum(col)`; also `F.sum`.
public func sum(_ col: Column) -> Column { F.sum(col) }
/// `avg(col)`; also `F.avg`.
public func avg(_ col: Column) -> Column { F.avg(col) }
/// `min(col)`; also `F.min`.
public func min(_ col: Column) -> Column { F.min(col) }
/// `max(col)`; also `F.max`.
public func max(_ col: Column) -> Column { F.max(col) }
/// `count(*)`; also `F.count`.
public func count() -> Column { F.count() }
/// `count(col)`; also `F.count`.
public func count(_ col: Column) -> Column { F.count(col) }
/// `coalesce(…)`; also `F.coalesce`.
public func coalesce(_ cols: any ColumnConvertible...) -> Column { F.call("coalesce", cols.map(\.columnExpression)) }
