import Foundation
import Moltres
import Testing

@testable import MoltresLSP

/// The binding index reads names from token ranges; it must find exactly what a walk of every node finds.
@Suite struct BindingIndexTests {
    /// The reference: every name expression of the tree, found by descending through all nodes, resolved in
    /// statement order as the index documents.
    private func referencesByNodeWalk(_ tree: SyntaxTree) -> [BindingIndex.Reference] {
        var references: [BindingIndex.Reference] = []
        var bindingCount = 0
        func collect(_ node: SyntaxNode, _ visible: [String: Int]) {
            if let name = NameExpression(node), let token = name.token, let text = name.name {
                references.append(BindingIndex.Reference(name: text, range: token.range, binding: visible[text]))
                return
            }
            for child in node.childNodes { collect(child, visible) }
        }
        func index(_ statements: [SyntaxNode], _ visible: inout [String: Int]) {
            for statement in statements {
                if let binding = BindingStatement(statement) {
                    if let value = binding.value { collect(value, visible) }
                    if binding.nameToken != nil, let name = binding.name {
                        visible[name] = bindingCount
                        bindingCount += 1
                    }
                } else if let with = WithStatement(statement) {
                    if let context = with.context { collect(context, visible) }
                    if with.aliasToken != nil, let name = with.alias {
                        visible[name] = bindingCount
                        bindingCount += 1
                    }
                    index(with.statements, &visible)
                } else {
                    collect(statement, visible)
                }
            }
        }
        var visible: [String: Int] = [:]
        index(tree.root.statements, &visible)
        return references
    }

    static let sources: [String] = {
        var sources = [
            """
            orders = db.table("orders")
            orders = orders.where(col("amount") > 1)  # the right side is the earlier binding
            big = orders.join(db.table("customers"), on=col("orders.customer_id") == col("customers.id"))
            with db.transaction() as txn:
                db.table("orders").insert([{"id": 1}])
                txn.savepoint("s")
                inner = big.select(F.sum(col("amount")).over(Window.partitionBy("status")))
            inner.show()
            txn.commit()
            """,
            "x = (db.table(\"orders\")\n  .select(col(\"id\"), lit(1))\n",  // unclosed, error-tolerant
            "a = b = c\nf(x, y=z)[w].v + -u * (t)\nlambda q: q\n",
            "",
        ]
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples")
        let files = (try? FileManager.default.contentsOfDirectory(at: examples, includingPropertiesForKeys: nil)) ?? []
        for file in files.sorted(by: { $0.path < $1.path }) where file.pathExtension == "moltres" {
            if let text = try? String(contentsOf: file, encoding: .utf8) { sources.append(text) }
        }
        return sources
    }()

    @Test func findsWhatAWalkOfEveryNodeFinds() {
        #expect(Self.sources.count > 6, "the examples were not found")
        for source in Self.sources {
            let tree = parse(source).tree
            let index = BindingIndex(tree)
            #expect(index.references == referencesByNodeWalk(tree), "\(source.prefix(60))")
        }
    }

    @Test func aRebindingRefersToTheEarlierBinding() throws {
        let tree = parse("orders = db.table(\"orders\")\norders = orders.where(col(\"id\") > 1)\norders.show()\n").tree
        let index = BindingIndex(tree)
        let uses = index.references.filter { $0.name == "orders" }
        #expect(uses.map(\.binding) == [0, 1])
    }
}
