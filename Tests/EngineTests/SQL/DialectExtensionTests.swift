import Testing

@testable import Moltres

/// A dialect unlike SQLite and PostgreSQL (backticks, `OFFSET … FETCH`, no NULLS FIRST/LAST, no FILTER, no RIGHT
/// or FULL JOIN, no upsert), to show that every difference is data: the generator takes it unchanged.
struct StrictDialect: Dialect {
    var name: String { "strict" }
    func quoteIdentifier(_ name: String) -> String { "`" + name.replacingOccurrences(of: "`", with: "``") + "`" }
    var parameterStyle: ParameterStyle { .numbered(prefix: ":") }
    var limitSyntax: LimitSyntax { .offsetFetch }
    var defaultNullsPlacement: DefaultNullsPlacement { .largest }
    var supportsNullsPlacement: Bool { false }
    var supportsFilterClause: Bool { false }
    var supportsRightJoin: Bool { false }
    var supportsFullJoin: Bool { false }
    var upsertSyntax: UpsertSyntax { .unsupported }
    var explodeSyntax: ExplodeSyntax { .unsupported }
    var joinHintSyntax: JoinHintSyntax { .afterSelect }
    var supportsLateralJoin: Bool { false }
    var functionRenderings: [String: FunctionRendering] {
        ["instr": .renamed("locate_in"), "md5": .unsupported("no MD5")]
    }
}

@Suite struct DialectExtensionTests {
    static let orders = DataFrame.table("orders")
    static let customers = DataFrame.table("customers")

    /// (pipeline, text the strict dialect must produce, or the error code it must report)
    static let cases: [(DataFrame, String)] = [
        (
            orders.join(
                customers, on: col("orders.customer_id") == col("customers.id"), lateral: false,
                hints: ["USE_HASH(c) */"]
            )
            .select(col("orders.id")),
            "SELECT /*+ USE_HASH(c) * / */ `orders`.`id` FROM `orders` JOIN `customers` ON `orders`.`customer_id` = `customers`.`id`"
        ),
        (
            orders.selectForUpdate(nowait: true).select("id").limit(1),
            "SELECT `orders`.`id` FROM `orders` OFFSET 0 ROWS FETCH NEXT :1 ROWS ONLY FOR UPDATE NOWAIT"
        ),
        (orders.join(customers, lateral: true), "MOL4002"),
        (
            orders.select("id").orderBy(col("id")).offset(5).limit(2),
            "SELECT `orders`.`id` FROM `orders` ORDER BY `orders`.`id` ASC OFFSET :1 ROWS FETCH NEXT :2 ROWS ONLY"
        ),
        (
            customers.orderBy(col("email")).select("id"),
            "SELECT `customers`.`id` FROM `customers` ORDER BY CASE WHEN `customers`.`email` IS NULL THEN 0 ELSE 1 END ASC, `customers`.`email` ASC"
        ),
        (
            orders.groupBy("status").agg(F.sum(col("amount")).filter(col("id") > 1).alias("s")),
            "SELECT `orders`.`status`, sum(CASE WHEN `orders`.`id` > :1 THEN `orders`.`amount` END) AS `s` FROM `orders` GROUP BY `orders`.`status`"
        ),
        (
            orders.join(customers, on: col("orders.customer_id") == col("customers.id"), how: .right).select(
                col("orders.id")),
            "SELECT `orders`.`id` FROM `customers` LEFT JOIN `orders` ON `orders`.`customer_id` = `customers`.`id`"
        ),
        (orders.join(customers, on: col("orders.customer_id") == col("customers.id"), how: .full), "MOL4002"),
        (
            customers.select(col("name").contains("x")),
            "SELECT locate_in(`customers`.`name`, CAST(:1 AS TEXT)) > 0 AS `_c0` FROM `customers`"
        ),
        (customers.select(F.md5(col("name"))), "MOL4001"),
        (customers.select(F.explode(F.array(col("id")))), "MOL4002"),
    ]

    @Test func strictDialect() {
        for (frame, expected) in Self.cases {
            do {
                let text = try frame.sql(dialect: StrictDialect(), catalog: ShopCatalog.catalog).text
                #expect(text == expected)
            } catch let error as PlanError {
                #expect(error.code == expected, "\(error)")
            } catch {
                Issue.record("\(error)")
            }
        }
        let upsert = MutationPlan.upsert(
            Upsert(
                table: TableReference("t"), columns: ["a"], rows: [[.literal(1)]], conflictColumns: ["a"],
                action: .doNothing))
        #expect(throws: PlanError.self) { try generateSQL(for: upsert, dialect: StrictDialect()) }
    }
}
