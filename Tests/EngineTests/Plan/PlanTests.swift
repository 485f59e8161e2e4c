import Testing

@testable import Moltres

@Suite struct FunctionRegistryTests {
    @Test func registryHasTheAPIsFunctions() {
        #expect(BuiltinFunction.all.count == 129)
        #expect(Set(BuiltinFunction.all.map(\.name)).count == 129)
        var perCategory: [BuiltinFunction.Category: Int] = [:]
        for function in BuiltinFunction.all { perCategory[function.category, default: 0] += 1 }
        let expected: [BuiltinFunction.Category: Int] = [
            .aggregate: 14, .string: 18, .math: 21, .datetime: 25, .window: 11, .array: 12, .json: 5,
            .conditional: 8, .subquery: 3, .misc: 12,
        ]
        #expect(perCategory == expected)
    }

    @Test func aliasesResolveToTheirFunction() {
        for function in BuiltinFunction.all {
            for alias in function.aliases { #expect(BuiltinFunction.named(alias) == function) }
            #expect(BuiltinFunction.named("F.\(function.name)") == function)
        }
        #expect(BuiltinFunction.named("no_such_function") == nil)
    }

    @Test func entriesAreSharedAndEqualByName() {
        // Every lookup of a name or an alias hands back the registry's one object for it (a call retains it).
        let avg = BuiltinFunction.named("avg")!
        #expect(BuiltinFunction.named("mean")! === avg)
        #expect(BuiltinFunction.named("F.avg")! === avg)
        // An entry made elsewhere with the same name is equal and hashes alike; another name is not equal.
        let copy = BuiltinFunction("avg", category: .misc, parameters: [], returns: .unknown)
        #expect(copy !== avg)
        #expect(copy == avg)
        #expect(Set([avg, copy]).count == 1)
        #expect(BuiltinFunction.named("sum")! != avg)
        #expect(
            Expression.function(FunctionCall(avg, [.literal(1)]))
                == .function(FunctionCall(copy, [.literal(1)])))
    }

    @Test func arityChecks() {
        let count = BuiltinFunction.named("count")!
        #expect(count.accepts(argumentCount: 0) && count.accepts(argumentCount: 1) && !count.accepts(argumentCount: 2))
        #expect(BuiltinFunction.named("concat")!.accepts(argumentCount: 9))
        #expect(PlanError.wrongArity(BuiltinFunction.named("substring")!, got: 5).code == "MOL3002")
    }

    /// A `PlanError` carries the catalogue's code and title meaning; there is no translation table.
    @Test func planErrorCodesAreCatalogueCodes() {
        let catalogue = Dictionary(uniqueKeysWithValues: DiagnosticCatalog.all.map { ($0.code, $0.title) })
        let errors: [(PlanError, DiagnosticCode)] = [
            (.unknownColumn(ColumnReference("x"), candidates: []), .unknownColumn),
            (.ambiguousColumn("x", candidates: ["a.x", "b.x"]), .ambiguousColumn),
            (.unknownTable("t"), .unknownTable),
            (.typeMismatch("text > integer"), .operatorTypeMismatch),
            (.wrongArity(BuiltinFunction.named("upper")!, got: 2), .wrongArity),
            (.invalidUse("bad"), .invalidUse),
            (.unsupportedFunction("md5", dialect: "x"), .unsupportedFunction),
            (.unsupportedFeature("LATERAL join", dialect: "sqlite"), .unsupportedFeature),
        ]
        for (error, code) in errors {
            #expect(error.diagnosticCode == code, "\(error)")
            #expect(catalogue[error.diagnosticCode] != nil, "\(error.code) is not in the catalogue")
        }
        #expect(catalogue[.ambiguousColumn] == "Ambiguous column")
        #expect(catalogue[.unknownTable] == "Unknown table")
    }
}

@Suite struct TypeInferenceTests {
    static let columns = [
        PlanColumn(name: "id", type: .integer, isNullable: false, qualifiers: ["t"]),
        PlanColumn(name: "price", type: .real, qualifiers: ["t"]),
        PlanColumn(name: "cost", type: .decimal, qualifiers: ["t"]),
        PlanColumn(name: "name", type: .text, qualifiers: ["t"]),
        PlanColumn(name: "id", type: .integer, qualifiers: ["u"]),
    ]

    /// Expected: a type name, or an error code.
    static let cases: [(Column, String)] = [
        (col("t.id") + 1, "integer"),
        (col("t.id") * col("price"), "real"),
        (col("price") + col("cost"), "decimal"),
        (col("t.id") / 2, "real"),
        (col("t.id").floorDiv(2), "integer"),
        (col("name") + "x", "text"),
        (col("name") > 3, "MOL2010"),
        (col("name") - 1, "MOL2010"),
        (-col("name"), "MOL2010"),
        (col("id"), "MOL2003"),
        (col("missing"), "MOL2001"),
        (col("price") > 3, "boolean"),
        (F.avg(col("t.id")), "real"),
        (F.avg(col("cost")), "decimal"),
        (F.coalesce(col("t.id"), col("price")), "real"),
        (F.when(col("price") > 1, 1).otherwise(2.5), "real"),
        (col("t.id").cast("TEXT"), "text"),
    ]

    @Test func inference() {
        for (column, expected) in Self.cases { check(column.expression, expected) }
    }

    func check(_ expression: Expression, _ expected: String) {
        switch expression.inferType(in: Self.columns) {
        case .success(let type): #expect(type.type.rawValue == expected, "\(expression)")
        case .failure(let error): #expect(error.code == expected, "\(expression): \(error)")
        }
    }
}

@Suite struct PlanSchemaTests {
    static let catalog = ShopCatalog.catalog

    /// Pipelines and their output columns.
    static let cases: [(DataFrame, [String])] = [
        (DataFrame.table("orders").select("id", "amount"), ["id", "amount"]),
        (
            DataFrame.table("orders").withColumn("amount", col("amount") * 2),
            ["id", "customer_id", "status", "amount", "ordered_at"]
        ),
        (
            DataFrame.table("orders").withColumn("x", lit(1)).withColumnRenamed("x", "y").drop("status"),
            ["id", "customer_id", "amount", "ordered_at", "y"]
        ),
        (
            DataFrame.table("orders").join(
                DataFrame.table("order_items").select(col("order_id").alias("id"), col("quantity")), on: "id"),
            ["id", "customer_id", "status", "amount", "ordered_at", "quantity"]
        ),
        (DataFrame.table("orders").groupBy("status").agg(F.count().alias("n")), ["status", "n"]),
        (
            DataFrame.table("orders").semiJoin(
                DataFrame.table("customers"), on: col("orders.customer_id") == col("customers.id")),
            ["id", "customer_id", "status", "amount", "ordered_at"]
        ),
    ]

    @Test func schemas() throws {
        for (frame, expected) in Self.cases {
            #expect(try frame.plan.schema(in: Self.catalog).map(\.name) == expected)
            #expect(
                try frame.sql(dialect: SQLiteDialect(), catalog: Self.catalog).resultColumns.map(\.name) == expected)
        }
    }

    @Test func unknownTable() {
        #expect(throws: PlanError.unknownTable("nope")) { try DataFrame.table("nope").plan.schema(in: Self.catalog) }
    }
}
