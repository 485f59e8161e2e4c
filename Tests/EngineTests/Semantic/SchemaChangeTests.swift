import Testing

@testable import Moltres

/// Tables a file creates or drops: the statements after the change are checked (names and generated SQL) against
/// the schema they will meet when the file runs.
@Suite struct SchemaChangeTests {
    private func codes(_ text: String) -> [String] {
        compile(text, catalog: DiagnosticCatalog.exampleCatalog, dialect: .sqlite).diagnostics.map(\.code.rawValue)
    }

    static let createNotes = """
        db.create_table("notes", [column("id", "INTEGER", primary_key=True), column("body", "TEXT", nullable=False)])

        """

    @Test func aCreatedTableIsKnownToTheStatementsAfterIt() {
        let source =
            Self.createNotes + """
                db.insert("notes", [{"id": 1, "body": "x"}])
                db.update("notes", where=col("id") == 1, set={"body": col("body") + "!"})
                db.table("notes").where(col("body") != "").select("id", "body").show()
                db.table("notes").join(db.table("orders"), on=col("notes.id") == col("orders.id")).select("notes.body").show()
                db.delete("notes", where=col("id") > 0)

                """
        #expect(codes(source) == [])
        // The new table's columns, not every name: a typo is still reported.
        #expect(codes(Self.createNotes + "db.table(\"notes\").select(\"bdy\").show()\n") == ["MOL2001"])
    }

    @Test func beforeItsCreationATableIsStillUnknown() {
        #expect(codes("db.table(\"notes\").show()\n" + Self.createNotes) == ["MOL2002"])
    }

    @Test func aDroppedTableIsUnknownAfterTheDrop() {
        #expect(
            codes("db.table(\"orders\").count()\ndb.drop_table(\"orders\")\ndb.table(\"orders\").count()\n") == [
                "MOL2002"
            ])
        #expect(
            codes(Self.createNotes + "db.drop_table(\"notes\")\ndb.insert(\"notes\", [{\"id\": 1}])\n") == ["MOL2002"])
    }

    @Test func ifNotExistsKeepsTheTableThatIsThere() {
        // `orders` exists: CREATE TABLE IF NOT EXISTS does nothing, so its real columns stay.
        let create = "db.create_table(\"orders\", [column(\"only\", \"TEXT\")])\n"
        #expect(codes(create + "db.table(\"orders\").select(\"amount\").show()\n") == [])
        #expect(codes(create + "db.table(\"orders\").select(\"only\").show()\n") == ["MOL2001"])
    }

    @Test func insideATransactionBlockToo() {
        let source = """
            with db.transaction() as txn:
                db.create_table("notes", [column("id", "INTEGER", primary_key=True)])
                db.insert("notes", [{"id": 1}])
            db.table("notes").count()

            """
        #expect(codes(source) == [])
    }

    @Test func withoutACatalogNothingChanges() {
        // No schema at all: the table may already be there with other columns (`IF NOT EXISTS`), so nothing about
        // it is assumed, before or after.
        let compilation = compile(Self.createNotes + "db.table(\"notes\").select(\"anything\").show()\n")
        #expect(compilation.diagnostics.isEmpty, "\(compilation.diagnostics)")
    }
}
