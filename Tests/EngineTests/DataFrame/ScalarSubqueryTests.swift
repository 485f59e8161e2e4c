import Foundation
import Testing

@testable import Moltres

/// A scalar subquery gives one value: PostgreSQL (and standard SQL) fails when it returns several rows, SQLite used to
/// take the first one silently — a different answer from the same pipeline. Both now fail alike, and a subquery of
/// one row or none gives the same value (or NULL) on both.
@Suite(.serialized) struct ScalarSubqueryTests {
    private static func check(_ session: Session) throws {
        let orders = session.table("orders")
        let customers = session.table("customers")
        // One row per customer (correlated): the customer's own name, or NULL for an id no customer has.
        let own = orders.select(
            col("id"),
            F.scalar_subquery(customers.where(col("customers.id") == col("orders.customer_id")).select("name"))
                .alias("name"),
            F.scalar_subquery(customers.where(col("customers.id") == -1).select("name")).alias("nobody")
        ).orderBy("id").limit(3)
        let rows = try own.collect().rows.map { Array($0) }
        #expect(rows.count == 3)
        #expect(rows.allSatisfy { if case .text = $0[1] { true } else { false } }, "\(rows)")
        #expect(rows.allSatisfy { $0[2] == .null })
        // Several rows: an error naming the cause, on both databases.
        let several = orders.select(col("id"), F.scalar_subquery(customers.select("name")).alias("n")).limit(1)
        #expect {
            try several.collect()
        } throws: { error in
            "\(error)".contains("more than one row returned by a subquery used as an expression")
        }
        // An aggregate without groups is one row by construction: no check is added to its SQL.
        let average = orders.where(col("amount") > F.scalar_subquery(orders.agg(F.avg(col("amount")))))
        #expect(try !average.sql(dialect: session.dialect).text.contains("moltres_raise"))
    }

    @Test func severalRowsFailOnSQLiteAsOnPostgres() throws {
        try ExecutionTests.withDemoShop(onPostgres: false, Self.check)
    }

    @Test(.enabled(if: PlanPostgres.shouldRun)) func severalRowsFailOnPostgres() throws {
        try ExecutionTests.withDemoShop(onPostgres: true, Self.check)
    }
}
