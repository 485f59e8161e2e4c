import Foundation
import Testing

@testable import Moltres

/// Text that is not a value of the type is an error on both databases, with PostgreSQL's message; SQLite's own
/// `CAST` read it as 0 (`'abc'`, `'1.5'` to an integer) or as the leading digits (`'12abc'`). The values that are
/// valid are compared in the golden case `casts`.
@Suite(.serialized) struct CastTests {
    static let invalid: [(Column, String)] = [
        (lit("abc").cast("int"), #"invalid input syntax for type bigint: "abc""#),
        (lit("1.5").cast("bigint"), #"invalid input syntax for type bigint: "1.5""#),
        (lit("12abc").cast("double"), #"invalid input syntax for type double precision: "12abc""#),
        (lit("1e400").cast("double"), #""1e400" is out of range for type double precision"#),
        (lit("maybe").cast("boolean"), #"invalid input syntax for type boolean: "maybe""#),
        (lit("99999999999999999999").cast("bigint"), #"value "99999999999999999999" is out of range for type bigint"#),
        (lit("abc").cast("timestamp"), #"invalid input syntax for type timestamp: "abc""#),
        (lit("2024-02-03 04:05:06 bogus").cast("timestamp"), #"invalid input syntax for type timestamp"#),
        (lit("2024-02-30").cast("date"), #"date/time field value out of range: "2024-02-30""#),
        (lit("2023-02-29 10:00").cast("timestamp"), #"date/time field value out of range: "2023-02-29 10:00""#),
        (lit("2024-01-01 24:30").cast("timestamp"), #"date/time field value out of range"#),
    ]

    private static func check(_ session: Session) throws {
        for (column, message) in invalid {
            let frame = session.table("products").where(col("id") == 1).select(column.alias("v"))
            #expect {
                try frame.collect()
            } throws: { error in
                "\(error)".contains(message)
            }
        }
    }

    /// `"decimal(10, 2)"` carries its precision and scale; arguments win; a malformed list is no type.
    @Test func typeNamesCarryPrecisionAndScale() {
        #expect(CastTarget(typeName: "decimal(10,2)") == CastTarget(.decimal, precision: 10, scale: 2))
        #expect(CastTarget(typeName: " NUMERIC( 12 , 4 ) ") == CastTarget(.decimal, precision: 12, scale: 4))
        #expect(CastTarget(typeName: "decimal(8)") == CastTarget(.decimal, precision: 8))
        #expect(CastTarget(typeName: "decimal(10,2)", scale: 3) == CastTarget(.decimal, precision: 10, scale: 3))
        #expect(CastTarget(typeName: "decimal") == CastTarget(.decimal))
        for malformed in ["decimal(a)", "decimal(1,2,3)", "decimal(10,2)x", "decimal(10", "decimal(-1)", "decimal()"] {
            #expect(CastTarget(typeName: malformed) == nil, "\(malformed)")
        }
    }

    @Test func invalidTextIsAnErrorOnSQLite() throws { try ExecutionTests.withDemoShop(onPostgres: false, Self.check) }

    @Test(.enabled(if: PlanPostgres.shouldRun)) func invalidTextIsAnErrorOnPostgres() throws {
        try ExecutionTests.withDemoShop(onPostgres: true, Self.check)
    }
}
