import Testing

@testable import Moltres

/// Arithmetic and comparisons on plain values in a `.moltres` file give Python's answers (the values Python computes
/// before `lit(...)` sees them); the expected values below are Python 3's. Before, every operation but `+`, `-` and
/// `*` of two numbers of the same kind silently kept its left operand: `lit(1.0 / 3)` was 1.0.
@Suite struct PythonScalarTests {
    static let folded: [(String, DatabaseValue)] = [
        ("1.0 / 3", .real(1.0 / 3)), ("7 / 2", 3.5), ("7 // 2", 3), ("-7 // 2", -4), ("7 // -2", -4),
        ("-7 % 3", 2), ("7 % -3", -2), ("7.5 % -2", -0.5), ("-7.5 // 2", -4.0), ("2 ** 10", 1024), ("2 ** -1", 0.5),
        ("-8 ** 0.5", .real(-(8.0).squareRoot())), ("2.0 ** 3", 8.0), ("1 + 2.5", 3.5), ("3 > 2", true),
        ("2 <= 1.5", false), ("1 == 1.0", true), ("\"a\" < \"b\"", true), ("\"b\" != \"b\"", false),
        ("\"ab\" * 3", "ababab"), ("3 * \"ab\"", "ababab"), ("\"ab\" * 0", ""), ("True + 1", 2),
        ("True & False", false),
        ("6 & 3", 2), ("6 | 3", 7), ("None == None", true), ("\"a\" == 1", false),
        ("9223372036854775806 + 1", .integer(.max)), ("-(-9223372036854775807)", .integer(.max)),
        ("2 ** 62", .integer(1 << 62)), ("-7 % -1", 0), ("-(3)", -3),
    ]

    /// The SQLite SQL of `select(lit(<expression>))` on the orders table, which must compile without diagnostics.
    static func sqlOfLiteral(_ expression: String) throws -> SQLStatement {
        let source = "db.table(\"orders\").select(lit(\(expression)).alias(\"v\"))\n"
        let compilation = compile(source, catalog: SemanticTestSupport.demoCatalog)
        #expect(compilation.diagnostics.isEmpty, "\(compilation.diagnostics)")
        let statement = try #require(compilation.statements.first)
        return try statement.sql(dialect: .sqlite, catalog: SemanticTestSupport.demoCatalog)
    }

    @Test(arguments: folded)
    func foldsAsPythonDoes(expression: String, expected: DatabaseValue) throws {
        let sql = try Self.sqlOfLiteral(expression)
        #expect(sql.text == "SELECT ? AS \"v\" FROM \"orders\"", "\(expression)")
        #expect(sql.parameters == [expected], "\(expression)")
    }

    /// Where Python raises, answers a complex number or needs more than 64 bits, the operation is left to the
    /// database as SQL (and the checker reports what does not apply), never folded to a wrong value.
    static let leftToTheDatabase: [(String, String)] = [
        ("1 / 0", "CAST(? AS REAL) / nullif(?, 0)"), ("0 ** -1", "power(?, ?)"), ("(-8) ** 0.5", "power(?, ?)"),
        ("2 ** 64", "power(?, ?)"), ("9223372036854775807 + 1", "? + ?"), ("10.0 ** 400", "power(?, ?)"),
        ("7 % 0", "? % nullif(?, 0)"),
    ]

    @Test(arguments: leftToTheDatabase)
    func leavesWhatPythonCannotAnswerToTheDatabase(expression: String, sql expectedSQL: String) throws {
        let sql = try Self.sqlOfLiteral(expression)
        #expect(sql.text == "SELECT \(expectedSQL) AS \"v\" FROM \"orders\"", "\(expression)")
    }

    @Test func textWithANumberIsATypeError() {
        let compilation = compile(
            "db.table(\"orders\").select(lit(\"a\" + 1).alias(\"v\"))\n", catalog: SemanticTestSupport.demoCatalog)
        #expect(compilation.diagnostics.map(\.code) == [.operatorTypeMismatch])
    }

    @Test func aFoldedValueIsUsableWhereAnIntegerIsRequired() throws {
        let compilation = compile(
            "db.table(\"orders\").limit(2 ** 3 - 1).select(\"id\")\n", catalog: SemanticTestSupport.demoCatalog)
        #expect(compilation.diagnostics.isEmpty)
        let sql = try #require(compilation.statements.first).sql(
            dialect: .sqlite, catalog: SemanticTestSupport.demoCatalog)
        #expect(sql.parameters == [7])
    }

    @Test func repetitionIsBounded() {
        #expect(PythonScalars.fold(.multiply, "ab", .integer(1 << 40)) == nil)
        #expect(PythonScalars.fold(.multiply, "ab", .integer(Int64.max)) == nil)
        #expect(PythonScalars.fold(.multiply, "ab", .integer(-3)) == .text(""))
    }
}
