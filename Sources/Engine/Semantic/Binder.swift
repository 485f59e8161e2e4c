/// The abstract interpreter: walks the statements of a file in order, evaluating each expression to a ``Value``
/// (plans, schemas, types) without running anything, and records diagnostics, symbols and completion facts.
///
/// Errors never stop it: an erroneous value becomes ``Value/unknown`` and later steps analyse without reporting
/// again (no cascades).
final class Binder {
    let tree: SyntaxTree
    let source: SourceText
    /// The schema names resolve against; tables the file creates or drops are added and removed as its
    /// statements are bound (see ``learnSchemaChanges(of:)``).
    @exclusivity(unchecked) var catalog: Catalog
    let hasCatalog: Bool
    let dialect: DatabaseKind
    /// Whether to keep the records that only queries by position read (symbols, column scopes, member bases,
    /// call sites); a compilation binds again with them when first asked (see ``Compilation``).
    let recordsFacts: Bool
    /// Whether plain `col("name")` calls and column-name strings are read straight from the literal's bytes
    /// (``resolveColumn(literal:)``); tests turn it off to check that the general path gives the same results.
    let usesFastPaths: Bool

    @exclusivity(unchecked) var diagnostics: [Diagnostic] = []
    @exclusivity(unchecked) var symbols: [SymbolRecord] = []
    @exclusivity(unchecked) var bindingTimeline: [BindingInfo] = []
    @exclusivity(unchecked) var columnScopes: [ColumnScopeRecord] = []
    @exclusivity(unchecked) var memberBases: [MemberBaseRecord] = []
    @exclusivity(unchecked) var callSites: [CallSiteRecord] = []

    /// The names bound by the file, with the value each is bound to (predefined names are looked up in
    /// ``predefinedValues`` when the file has not rebound them), found by the bytes of a name's token.
    @exclusivity(unchecked) var environment = NameTable<BoundName>()
    /// The column scopes of the steps being evaluated, innermost last.
    @exclusivity(unchecked) var scopes: [Scope] = []
    /// The serial of the last scope pushed (see ``Scope/serial``).
    @exclusivity(unchecked) var scopeSerial: UInt32 = 0
    /// How many times each binding was used as a DataFrame, per statement.
    @exclusivity(unchecked) var bindingUses: [Int: Set<Int>] = [:]
    @exclusivity(unchecked) var currentStatement = 0
    @exclusivity(unchecked) var nextBindingID = 0
    /// The CTE name of each DataFrame binding, by binding id.
    @exclusivity(unchecked) var bindingNames: [Int: String] = [:]
    @exclusivity(unchecked) var bindingNameCounts: [String: Int] = [:]
    /// The names of the tables read with `db.table(...)` that the catalog does not know (for CTE names).
    @exclusivity(unchecked) var unknownTablesRead: Set<String> = []
    /// The columns of each table read so far, shared by every `db.table(name)` of the file.
    @exclusivity(unchecked) var tableColumns: [String: [PlanColumn]] = [:]
    /// How deep column bindings are being evaluated again at their uses, and how many more times that may happen
    /// in this file (bindings of bindings would otherwise multiply the work).
    @exclusivity(unchecked) var rebindDepth = 0
    @exclusivity(unchecked) var rebindBudget = 4_096
    /// Transaction aliases whose `with` block has ended.
    @exclusivity(unchecked) var expiredTransactions: Set<String> = []
    /// Whether the current `with` block is read-only.
    @exclusivity(unchecked) var readOnlyTransaction: ByteRange?
    /// The alias of the enclosing transaction block, if any.
    @exclusivity(unchecked) var transactionAlias: String?

    /// A name's binding; a class, so that finding one retains a reference instead of copying the value.
    final class BoundName: Sendable {
        let value: Value
        let info: BindingInfo
        let id: Int
        /// For a column expression bound outside any DataFrame step (`c = col("amount") > 1`), the expression,
        /// evaluated again at each use against the columns in scope there.
        let source: SyntaxNode?

        init(value: Value, info: BindingInfo, id: Int, source: SyntaxNode? = nil) {
            self.value = value
            self.info = info
            self.id = id
            self.source = source
        }
    }

    init(
        tree: SyntaxTree, catalog: Catalog, dialect: DatabaseKind, recordsFacts: Bool = true, usesFastPaths: Bool = true
    ) {
        self.tree = tree
        self.recordsFacts = recordsFacts
        self.usesFastPaths = usesFastPaths
        self.source = tree.source
        self.catalog = catalog
        self.hasCatalog = !catalog.tables.isEmpty
        self.dialect = dialect
    }

    /// Pushes `scope` as the innermost column scope, numbered as ``withScope(_:_:)`` numbers them; ``popScope()``
    /// removes it. For callers that must not wrap their work in a closure (a DataFrame step consumes its frame,
    /// which a closure could only borrow).
    @inline(__always)
    func pushScope(_ scope: consuming Scope) {
        // Room for a join's scope inside a step's (the array grew at the second push).
        if scopes.capacity == 0 { scopes.reserveCapacity(4) }
        scopeSerial &+= 1
        scope.serial = scopeSerial
        scopes.append(scope)
    }

    /// Removes the scope ``pushScope(_:)`` pushed last.
    @inline(__always)
    func popScope() { scopes.removeLast() }

    /// The entry for `name`: the file's binding, else the predefined one.
    @inline(__always)
    func lookUpName(_ name: String) -> BoundName? {
        // Most names of a pipeline (`db`, `col`, `F`) are predefined; an empty environment needs no hashing.
        if !environment.isEmpty, let entry = environment[name] { return entry }
        return Self.predefinedEnvironment[name]
    }

    /// Every name in scope, for suggestions.
    var namesInScope: [String] { environment.names + Self.predefinedNames.map(\.0) }

    // MARK: - Predefined names

    static let predefinedNames: [(String, Value)] = {
        var names: [(String, Value)] = [
            ("db", .database(target: nil)), ("col", .callable(.col)), ("lit", .callable(.lit)),
            ("F", .namespace(.functions)), ("column", .callable(.column)), ("Window", .namespace(.window)),
            ("Records", .namespace(.records)), ("connect", .callable(.connect)),
        ]
        var seen = Set(names.map(\.0))
        for function in BuiltinFunction.all {
            for name in [function.name] + function.aliases where !seen.contains(name) {
                seen.insert(name)
                names.append((name, .callable(.function(function))))
            }
        }
        return names
    }()

    /// The predefined names as bindings, shared by every compilation.
    static let predefinedEnvironment: NameTable<BoundName> = {
        var environment = NameTable<BoundName>()
        for (name, value) in predefinedNames {
            let info = BindingInfo(
                name: name, kind: .predefined, range: .empty(at: 0), valueKind: value.kind, visibleFrom: 0)
            environment.set(name, BoundName(value: value, info: info, id: -1))
        }
        return environment
    }()

    /// The predefined names' values (``predefinedEnvironment`` without the entries around them), in the same
    /// positions.
    static let predefinedValues: NameTable<Value> = {
        var values = NameTable<Value>()
        for (name, value) in predefinedNames { values.set(name, value) }
        return values
    }()

    /// ``predefinedValues``'s value at `index`. The first names (`db`, `col`, `F`, …: nearly every name a file
    /// uses) are made here, which is a few stores, instead of copied out of the table, which goes through `Value`'s
    /// copy function (about 120 instructions); ``predefinedNames`` lists them first, in this order, and a test
    /// checks that both ways give the same values.
    @inline(__always)
    static func predefinedValue(at index: Int) -> Value {
        switch index {
        case 0: .database(target: nil)
        case 1: .callable(.col)
        case 2: .callable(.lit)
        case 3: .namespace(.functions)
        case 4: .callable(.column)
        case 5: .namespace(.window)
        case 6: .namespace(.records)
        case 7: .callable(.connect)
        default: predefinedValues[index]
        }
    }

    /// The predefined names' descriptions, in their documented order.
    static let predefinedInfos: [BindingInfo] = predefinedNames.compactMap { predefinedEnvironment[$0.0]?.info }

    /// The names an import may bring that the checker understands (`from moltres import col, unique`).
    static let importableNames: [String: Value] = [
        "unique": .callable(.unique), "check": .callable(.check), "foreign_key": .callable(.foreignKey),
        "functions": .namespace(.functions), "connect": .callable(.connect), "col": .callable(.col),
        "lit": .callable(.lit), "column": .callable(.column), "Window": .namespace(.window),
        "Records": .namespace(.records), "F": .namespace(.functions),
    ]

    // MARK: - Diagnostics

    func report(
        _ code: DiagnosticCode, _ range: ByteRange, _ message: String, severity: DiagnosticSeverity = .error,
        related: [RelatedInformation] = [], fixes: [Fix] = []
    ) {
        diagnostics.append(
            Diagnostic(
                code: code, severity: severity, range: range, message: message, related: related, fixes: fixes))
    }

    /// Reports an unknown name with "did you mean" suggestions and a quick fix replacing `range` by the best one.
    func reportUnknown(
        _ code: DiagnosticCode, _ range: ByteRange, _ message: String, name: String, candidates: [String],
        replacementQuote: String = ""
    ) {
        let suggestions = closestNames(to: name, in: candidates)
        var text = message
        if !suggestions.isEmpty {
            text += "; did you mean " + suggestions.map { "'\($0)'" }.joined(separator: " or ") + "?"
        }
        let fixes = suggestions.prefix(3).map { suggestion in
            Fix(
                title: "Replace with '\(suggestion)'",
                edits: [TextEdit(range: range, newText: replacementQuote + suggestion + replacementQuote)])
        }
        report(code, range, text, fixes: Array(fixes))
    }

    // MARK: - Records for queries by position

    /// Records a symbol (built only when facts are recorded).
    @inline(__always)
    func record(_ symbol: @autoclosure () -> SemanticSymbol, at range: ByteRange? = nil) {
        guard recordsFacts else { return }
        let symbol = symbol()
        symbols.append(SymbolRecord(symbol: symbol, range: range ?? symbol.range))
    }

    /// Records the columns in scope of an argument list, for completion.
    @inline(__always)
    func recordColumnScope(_ scope: @autoclosure () -> ColumnScopeRecord) {
        if recordsFacts { columnScopes.append(scope()) }
    }

    /// Records a call's argument list, for keyword completion.
    @inline(__always)
    func recordCallSite(_ site: @autoclosure () -> CallSiteRecord) {
        if recordsFacts { callSites.append(site()) }
    }
}

/// A symbol with its range, for ``Compilation/symbol(at:)``.
struct SymbolRecord: Sendable {
    var symbol: SemanticSymbol
    /// Where the symbol is used (for a binding, the use; the symbol's own range is the definition).
    var range: ByteRange
}

/// The argument list of a step whose string arguments name columns, with the columns in scope there.
struct ColumnScopeRecord: Sendable {
    var range: ByteRange
    var columns: [PlanColumn]
    /// Whether bare strings in the list name columns (`select("…`), not only `col("…`.
    var stringsAreColumns: Bool
}

/// The value before a `.`, for member completion.
struct MemberBaseRecord: Sendable {
    var dotOffset: Int
    var kind: ValueKind
}

/// A call's argument list, for keyword completion.
struct CallSiteRecord: Sendable {
    var range: ByteRange
    var name: String
    var keywords: [String]
    var enumerated: [String: [String]]
    /// How many of ``keywords`` are positional-or-keyword parameters (the first ones), which a positional
    /// argument fills in order.
    var positionalCount: Int
}

/// The names in `candidates` closest to `name` by edit distance (case-insensitive), best first.
func closestNames(to name: String, in candidates: [String], limit: Int = 3) -> [String] {
    let lowered = Array(name.lowercased().utf8)
    guard !lowered.isEmpty else { return [] }
    let threshold = max(1, min(3, lowered.count / 3 + 1))
    var scored: [(Int, String)] = []
    var seen = Set<String>()
    for candidate in candidates where !seen.contains(candidate) {
        seen.insert(candidate)
        let other = Array(candidate.lowercased().utf8)
        if abs(other.count - lowered.count) > threshold { continue }
        let distance = editDistance(lowered, other, limit: threshold)
        if distance <= threshold && candidate != name { scored.append((distance, candidate)) }
    }
    scored.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
    return scored.prefix(limit).map(\.1)
}

/// Levenshtein distance with transpositions counted as one edit, giving up past `limit`.
func editDistance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previousPrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        var rowMinimum = current[0]
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                value = min(value, previousPrevious[j - 2] + 1)
            }
            current[j] = value
            rowMinimum = min(rowMinimum, value)
        }
        if rowMinimum > limit { return rowMinimum }
        previousPrevious = previous
        previous = current
    }
    return previous[b.count]
}

/// `groupBy` → `group_by`; names already in snake case are unchanged.
func snakeCase(_ name: String) -> String {
    // A scan of the contiguous bytes (method names are small strings; iterating `utf8` costs more than this),
    // read in place (`withUTF8` needed a mutable copy of the string: a retain and a release call).
    let hasUpper =
        name.utf8.withContiguousStorageIfAvailable { buffer in buffer.contains { $0 >= 0x41 && $0 <= 0x5A } }
        ?? name.utf8.contains { $0 >= 0x41 && $0 <= 0x5A }
    guard hasUpper else { return name }
    var result = ""
    for character in name {
        if character.isUppercase {
            if !result.isEmpty && result.last != "_" { result.append("_") }
            result.append(contentsOf: character.lowercased())
        } else {
            result.append(character)
        }
    }
    return result
}
