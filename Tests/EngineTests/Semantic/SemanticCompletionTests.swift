import Testing

@testable import Moltres

/// Completion contexts at the marker `‸` in half-typed code.
@Suite struct SemanticCompletionTests {
    static func context(_ text: String) -> CompletionContext {
        let (source, offset) = SemanticTestSupport.locate(text)
        return compile(source, catalog: SemanticTestSupport.demoCatalog).completionContext(at: offset)
    }

    @Test func tableNameInsideTable() {
        guard case .tableName(let prefix) = Self.context("x = db.table(\"or‸") else {
            Issue.record("\(Self.context("x = db.table(\"or‸"))")
            return
        }
        #expect(prefix == "or")
        guard case .tableName(let empty) = Self.context("db.table(\"‸\")\n") else {
            Issue.record("not a table name")
            return
        }
        #expect(empty == "")
    }

    @Test func columnNameAfterAJoinHasBothSides() {
        let text = "df = db.table(\"orders\").join(db.table(\"customers\"), on=col(\"‸"
        guard case .columnName(let prefix, let columns) = Self.context(text) else {
            Issue.record("\(Self.context(text))")
            return
        }
        #expect(prefix == "")
        #expect(columns.contains { $0.name == "customer_id" } && columns.contains { $0.name == "country" })
    }

    @Test func columnNameOnlyInScopeAtThatStep() {
        let text =
            "db.table(\"orders\").group_by(\"status\").agg(F.sum(col(\"amount\")).alias(\"total\")).where(col(\"t‸\"))\n"
        guard case .columnName(let prefix, let columns) = Self.context(text) else {
            Issue.record("\(Self.context(text))")
            return
        }
        #expect(prefix == "t")
        #expect(columns.map(\.name) == ["status", "total"])
        guard case .columnName(_, let selectColumns) = Self.context("db.table(\"products\").select(\"na‸") else {
            Issue.record("not a column name")
            return
        }
        #expect(selectColumns.map(\.name) == ["id", "name", "category", "price", "stock"])
    }

    @Test func memberContexts() {
        guard case .dataFrameMember(let schema) = Self.context("db.table(\"orders\").‸") else {
            Issue.record("\(Self.context("db.table(\"orders\").‸"))")
            return
        }
        #expect(schema.count == 5)
        guard case .dataFrameMember = Self.context("df = db.table(\"orders\")\ndf.sel‸") else {
            Issue.record("typed prefix")
            return
        }
        guard case .databaseMember = Self.context("db.‸") else {
            Issue.record("\(Self.context("db.‸"))")
            return
        }
        guard case .functionMember = Self.context("x = F.‸") else {
            Issue.record("\(Self.context("x = F.‸"))")
            return
        }
        guard case .groupedDataMember = Self.context("db.table(\"orders\").group_by(\"status\").‸") else {
            Issue.record("grouped")
            return
        }
        guard case .columnMember = Self.context("db.table(\"orders\").where(col(\"amount\").‸") else {
            Issue.record("\(Self.context("db.table(\"orders\").where(col(\"amount\").‸"))")
            return
        }
    }

    @Test func keywordValueForHow() {
        let text = "db.table(\"orders\").join(db.table(\"customers\"), on=\"id\", how=\"‸"
        guard case .keywordValue(let name, let values) = Self.context(text) else {
            Issue.record("\(Self.context(text))")
            return
        }
        #expect(name == "how")
        #expect(values.contains("left") && values.contains("inner"))
    }

    @Test func keywordArgumentsAfterAComma() {
        let text = "db.table(\"orders\").join(db.table(\"customers\"), ‸"
        guard case .keywordArgument(let function, let names) = Self.context(text) else {
            Issue.record("\(Self.context(text))")
            return
        }
        #expect(function == "join")
        #expect(names.contains("on") && names.contains("how"))
        #expect(!names.contains("other"), "the positional argument already gave `other`")
    }

    @Test func keywordArgumentsRightAfterTheParenthesis() {
        for text in ["db.table(\"orders\").join(‸", "db.table(\"orders\").join(‸)\n", "db.table(\"orders\").join(ot‸"] {
            guard case .keywordArgument(let function, let names) = Self.context(text) else {
                Issue.record("\(text): \(Self.context(text))")
                continue
            }
            #expect(function == "join")
            #expect(names.contains("other") && names.contains("on") && names.contains("how"), "\(names)")
        }
    }

    @Test func keywordArgumentsAfterAKeywordLeaveOutTheOnesGiven() {
        let texts = [
            "df = db.table(\"orders\")\nother = db.table(\"customers\")\ndf.join(other, on=\"id\", h‸",
            "df = db.table(\"orders\")\nother = db.table(\"customers\")\ndf.join(other, on=\"id\", ‸",
            "df = db.table(\"orders\")\nother = db.table(\"customers\")\ndf.join(other, ‸",
        ]
        for (index, text) in texts.enumerated() {
            guard case .keywordArgument(let function, let names) = Self.context(text) else {
                Issue.record("\(text): \(Self.context(text))")
                continue
            }
            #expect(function == "join")
            #expect(names.contains("how") && !names.contains("other"), "\(names)")
            #expect(names.contains("on") == (index == 2), "\(names)")
        }
    }

    @Test func topLevelAndComments() {
        guard case .topLevel(let bindings) = Self.context("big = db.table(\"orders\")\n‸") else {
            Issue.record("not top level")
            return
        }
        #expect(bindings.contains { $0.name == "big" } && bindings.contains { $0.name == "db" })
        guard case .none = Self.context("# a comment ‸\n") else {
            Issue.record("comment")
            return
        }
    }
}
