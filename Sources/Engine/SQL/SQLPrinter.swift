/// Prints a ``SQLTree`` as text for a dialect: identifiers quoted, values as placeholders collected in order.
///
/// Compact text puts everything on one line; pretty text starts each clause on its own line and indents
/// subqueries. DDL cannot bind parameters, so in `CREATE TABLE` literals are written inline with the
/// dialect's escaping (``Dialect/inlineLiteral(_:)``).
struct SQLPrinter {
    let dialect: any Dialect
    let pretty: Bool
    let inlineLiterals: Bool
    private(set) var parameters: [DatabaseValue] = []
    /// The first name that cannot be written (empty, too long or holding a NUL), for the error message.
    private let refused = RefusedName()
    private var numbers: [DatabaseValue: Int] = [:]
    private var depth = 0
    private var output = ""

    init(dialect: any Dialect, pretty: Bool, inlineLiterals: Bool) {
        self.dialect = dialect
        self.pretty = pretty
        self.inlineLiterals = inlineLiterals
    }

    /// Prints `tree` compactly and prettily, with the first name it could not write (see ``quote(_:)``).
    static func statement(
        for tree: SQLTree, dialect: any Dialect, resultColumns: [PlanColumn]
    ) -> (statement: SQLStatement, refusedName: String?) {
        var inline = false
        if case .createTable = tree { inline = true }
        var compact = SQLPrinter(dialect: dialect, pretty: false, inlineLiterals: inline)
        let text = compact.statement(tree)
        let statement = SQLStatement(
            text: text, tree: tree, dialect: dialect, parameters: compact.parameters, resultColumns: resultColumns)
        return (statement, compact.refused.name)
    }

    /// The pretty text of `tree`.
    static func prettyText(for tree: SQLTree, dialect: any Dialect) -> String {
        var inline = false
        if case .createTable = tree { inline = true }
        var printer = SQLPrinter(dialect: dialect, pretty: true, inlineLiterals: inline)
        return printer.statement(tree)
    }

    // MARK: - Layout

    private var newline: String { pretty ? "\n" + String(repeating: "  ", count: depth) : " " }

    private mutating func nested(_ body: (inout SQLPrinter) -> String) -> String {
        depth += 1
        let inner = body(&self)
        depth -= 1
        if pretty {
            return "(\n" + String(repeating: "  ", count: depth + 1) + inner + "\n"
                + String(repeating: "  ", count: depth) + ")"
        }
        return "(" + inner + ")"
    }

    /// The quoted name; an empty name (which PostgreSQL rejects) or one longer than the dialect allows prints as a
    /// NUL so that `generateSQL` refuses the statement with `MOL4003` in its single check of the text (the name is
    /// kept for the message).
    private func quote(_ name: String) -> String {
        if name.isEmpty || dialect.maximumIdentifierLength.map({ name.utf8.count > $0 }) == true {
            if refused.name == nil { refused.name = name }
            return "\u{0}"
        }
        let quoted = dialect.quoteIdentifier(name)
        if refused.name == nil, quoted.utf8.contains(0) { refused.name = name }
        return quoted
    }

    private mutating func placeholder(_ value: DatabaseValue) -> String {
        if inlineLiterals { return dialect.inlineLiteral(value) }
        switch dialect.parameterStyle {
        case .questionMark:
            parameters.append(value)
            return "?"
        case .numbered(let prefix):
            if let number = numbers[value] { return prefix + String(number) }
            parameters.append(value)
            numbers[value] = parameters.count
            return prefix + String(parameters.count)
        }
    }

    // MARK: - Statements

    mutating func statement(_ tree: SQLTree) -> String {
        switch tree {
        case .hinted(let hints, let statement):
            return "/*+ " + hints.map(hintCommentText).joined(separator: " ") + " */ " + self.statement(statement)
        case .query(let with, let recursive, let query):
            return withClause(with, recursive: recursive) + self.query(query)
        case .insert(let insert):
            var text = withClause(insert.with, recursive: false)
            text += "INSERT INTO " + fromItem(insert.table)
            if !insert.columns.isEmpty { text += " (" + insert.columns.map(quote).joined(separator: ", ") + ")" }
            text += newline + query(insert.source)
            if let conflict = insert.onConflict {
                switch dialect.upsertSyntax {
                case .onConflict, .unsupported:
                    text += newline + "ON CONFLICT (" + conflict.columns.map(quote).joined(separator: ", ") + ") "
                    if conflict.assignments.isEmpty {
                        text += "DO NOTHING"
                    } else {
                        text += "DO UPDATE SET " + assignments(conflict.assignments)
                    }
                case .onDuplicateKeyUpdate:
                    text += newline + "ON DUPLICATE KEY UPDATE " + assignments(conflict.assignments)
                }
            }
            return text
        case .update(let table, let values, let condition):
            var text = "UPDATE " + fromItem(table) + newline + "SET " + assignments(values)
            if let condition { text += newline + "WHERE " + expression(condition) }
            return text
        case .delete(let table, let condition):
            var text = "DELETE FROM " + fromItem(table)
            if let condition { text += newline + "WHERE " + expression(condition) }
            return text
        case .createTable(let create):
            var text = "CREATE " + (create.temporary ? "TEMPORARY " : "") + "TABLE "
            if create.ifNotExists { text += "IF NOT EXISTS " }
            text += fromItem(create.table) + " ("
            var parts: [String] = []
            for column in create.columns {
                let constraints = column.constraints.map { expression($0) }
                parts.append(([quote(column.name), column.type] + constraints).joined(separator: " "))
            }
            for constraint in create.constraints { parts.append(expression(constraint)) }
            let separator = pretty ? ",\n  " : ", "
            text += (pretty ? "\n  " : "") + parts.joined(separator: separator) + (pretty ? "\n" : "") + ")"
            return text
        case .dropTable(let table, let ifExists):
            return "DROP TABLE " + (ifExists ? "IF EXISTS " : "") + fromItem(table)
        case .createIndex(let name, let table, let columns, let unique, let ifNotExists):
            return "CREATE " + (unique ? "UNIQUE " : "") + "INDEX " + (ifNotExists ? "IF NOT EXISTS " : "")
                + quote(name)
                + " ON " + fromItem(table) + " (" + columns.map(quote).joined(separator: ", ") + ")"
        case .dropIndex(let name, let ifExists):
            return "DROP INDEX " + (ifExists ? "IF EXISTS " : "") + quote(name)
        }
    }

    private mutating func assignments(_ values: [(String, SQLExpression)]) -> String {
        values.map { quote($0.0) + " = " + expression($0.1) }.joined(separator: ", ")
    }

    private mutating func withClause(_ ctes: [SQLCommonTableExpression], recursive: Bool) -> String {
        guard !ctes.isEmpty else { return "" }
        var parts: [String] = []
        for cte in ctes {
            var head = quote(cte.name)
            if !cte.columns.isEmpty { head += " (" + cte.columns.map(quote).joined(separator: ", ") + ")" }
            parts.append(head + " AS " + nested { $0.query(cte.query) })
        }
        return "WITH " + (recursive ? "RECURSIVE " : "") + parts.joined(separator: "," + newline) + newline
    }

    // MARK: - Queries

    mutating func query(_ query: SQLQuery) -> String {
        captured { $0.write(query) }
    }

    /// What `body` prints, returned instead of appended; the text printed so far is kept.
    private mutating func captured(_ body: (inout SQLPrinter) -> Void) -> String {
        let saved = output
        output = ""
        body(&self)
        let text = output
        output = saved
        return text
    }

    private mutating func write(_ query: SQLQuery) {
        switch query {
        case .select(let select): write(select)
        case .setOperation(let left, let keyword, let right):
            write(left)
            output += newline
            output += keyword
            output += newline
            write(right)
        case .values(let rows):
            output += "VALUES "
            for (index, row) in rows.enumerated() {
                if index > 0 { output += pretty ? "," + newline + "       " : ", " }
                output += "("
                writeList(row)
                output += ")"
            }
        case .raw(let raw):
            output += rawText(raw)
        case .spelled(let expression):
            write(expression)
        }
    }

    private mutating func writeList(_ expressions: [SQLExpression]) {
        for (index, expression) in expressions.enumerated() {
            if index > 0 { output += ", " }
            write(expression)
        }
    }

    private mutating func write(_ select: SQLSelect) {
        output += select.distinct ? "SELECT DISTINCT " : "SELECT "
        if !select.hints.isEmpty {
            output += "/*+ "
            output += select.hints.map(hintCommentText).joined(separator: " ")
            output += " */ "
        }
        if select.columns.isEmpty {
            output += "*"
        } else {
            for (index, item) in select.columns.enumerated() {
                if index > 0 { output += ", " }
                write(item.expression)
                if let alias = item.alias {
                    output += " AS "
                    output += quote(alias)
                }
            }
        }
        if !select.from.isEmpty {
            output += newline
            output += "FROM "
            for (index, item) in select.from.enumerated() {
                if index > 0 { output += ", " }
                write(item)
            }
        }
        for join in select.joins {
            output += newline
            output += join.keyword
            output += " "
            write(join.item)
            if let condition = join.condition {
                output += " ON "
                write(condition)
            }
        }
        if let condition = select.whereClause {
            output += newline
            output += "WHERE "
            write(condition)
        }
        if !select.groupBy.isEmpty {
            output += newline
            output += "GROUP BY "
            writeList(select.groupBy)
        }
        if let having = select.having {
            output += newline
            output += "HAVING "
            write(having)
        }
        if !select.orderBy.isEmpty {
            output += newline
            output += "ORDER BY "
            write(select.orderBy)
        }
        switch dialect.limitSyntax {
        case .limitOffset:
            if let limit = select.limit {
                output += newline
                output += "LIMIT "
                write(limit)
            }
            if let offset = select.offset {
                output += newline
                output += "OFFSET "
                write(offset)
            }
        case .offsetFetch:
            if select.offset != nil || select.limit != nil {
                output += newline
                output += "OFFSET "
                if let offset = select.offset { write(offset) } else { output += "0" }
                output += " ROWS"
            }
            if let limit = select.limit {
                output += newline
                output += "FETCH NEXT "
                write(limit)
                output += " ROWS ONLY"
            }
        }
        if let lock = select.lock {
            output += newline
            output += lock.lock.strength == .update ? "FOR UPDATE" : "FOR SHARE"
            if !lock.of.isEmpty {
                output += " OF "
                output += lock.of.map { quote($0) }.joined(separator: ", ")
            }
            switch lock.lock.waitPolicy {
            case .wait: break
            case .noWait: output += " NOWAIT"
            case .skipLocked: output += " SKIP LOCKED"
            }
        }
    }

    private mutating func write(_ items: [SQLOrderItem]) {
        for (index, item) in items.enumerated() {
            if index > 0 { output += ", " }
            write(item.expression)
            output += item.descending ? " DESC" : " ASC"
            if let nulls = item.nulls { output += nulls == .first ? " NULLS FIRST" : " NULLS LAST" }
        }
    }

    private mutating func write(_ item: SQLFromItem) {
        switch item {
        case .table(let schema, let name, let alias):
            if let schema {
                output += quote(schema)
                output += "."
            }
            output += quote(name)
            if let alias {
                output += " AS "
                output += quote(alias)
            }
        case .subquery(let query, let alias):
            writeNested(query)
            output += " AS "
            output += quote(alias)
        case .function(let call, let alias, let columns):
            write(call)
            output += " AS "
            output += quote(alias)
            if !columns.isEmpty { output += " (" + columns.map(quote).joined(separator: ", ") + ")" }
        }
    }

    /// `(query)`, indented on its own lines when pretty.
    private mutating func writeNested(_ query: SQLQuery) {
        depth += 1
        output += pretty ? "(\n" + String(repeating: "  ", count: depth) : "("
        write(query)
        depth -= 1
        output += pretty ? "\n" + String(repeating: "  ", count: depth) + ")" : ")"
    }

    private mutating func fromItem(_ item: SQLFromItem) -> String {
        captured { $0.write(item) }
    }

    /// The user's SQL with `:name` placeholders bound; quoted text and comments are left alone,
    /// and `::` (a PostgreSQL cast) is not a placeholder.
    private mutating func rawText(_ raw: RawSQL) -> String {
        var output = ""
        let characters = Array(raw.text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "'" || character == "\"" {
                var end = index + 1
                while end < characters.count {
                    if characters[end] == character {
                        if end + 1 < characters.count && characters[end + 1] == character {
                            end += 2
                            continue
                        }
                        break
                    }
                    end += 1
                }
                output += String(characters[index...min(end, characters.count - 1)])
                index = end + 1
                continue
            }
            if character == "-" && index + 1 < characters.count && characters[index + 1] == "-" {
                while index < characters.count && characters[index] != "\n" {
                    output.append(characters[index])
                    index += 1
                }
                continue
            }
            if character == ":" && index + 1 < characters.count
                && (characters[index + 1].isLetter || characters[index + 1] == "_")
                && (index == 0 || characters[index - 1] != ":")
            {
                var end = index + 1
                while end < characters.count
                    && (characters[end].isLetter || characters[end].isNumber || characters[end] == "_")
                {
                    end += 1
                }
                let name = String(characters[(index + 1)..<end])
                if let value = raw.parameters[name] {
                    output += placeholder(value)
                    index = end
                    continue
                }
            }
            output.append(character)
            index += 1
        }
        return output
    }

    // MARK: - Expressions

    private static func precedence(of expression: SQLExpression) -> Int {
        switch expression {
        case .binary(_, _, _, let precedence), .prefix(_, _, let precedence): return precedence
        case .postfix, .inList, .between, .inSubquery: return 4
        case .sequence: return 0
        case .column, .star, .parameter, .token, .call, .cast, .caseWhen, .subquery, .exists, .window, .parenthesized,
            .list:
            return 10
        }
    }

    private mutating func writeOperand(_ expression: SQLExpression, parenthesizedBelow threshold: Int) {
        if Self.precedence(of: expression) < threshold {
            output += "("
            write(expression)
            output += ")"
        } else {
            write(expression)
        }
    }

    mutating func expression(_ expression: SQLExpression) -> String {
        captured { $0.write(expression) }
    }

    private mutating func write(_ expression: SQLExpression) {
        switch expression {
        case .column(let qualifier, let name):
            if let qualifier {
                output += quote(qualifier)
                output += "."
            }
            output += quote(name)
        case .star(let qualifier):
            if let qualifier {
                output += quote(qualifier)
                output += "."
            }
            output += "*"
        case .parameter(let value):
            output += placeholder(value)
        case .token(let text):
            output += text
        case .binary(let left, let symbol, let right, let precedence):
            let associative = symbol == "AND" || symbol == "OR" || symbol == "||"
            // SQLite binds `||` tighter than `*` and `+`, PostgreSQL looser: an operand of `||` built with another
            // operator is parenthesized, so both read `a || b * c` alike.
            func threshold(_ operand: SQLExpression, _ normal: Int) -> Int {
                guard symbol == "||" else { return normal }
                switch operand {
                case .binary(_, let inner, _, _) where inner != "||": return 11
                case .prefix: return 11
                default: return normal
                }
            }
            writeOperand(left, parenthesizedBelow: threshold(left, precedence == 4 ? precedence + 1 : precedence))
            output += " "
            output += symbol
            output += " "
            writeOperand(right, parenthesizedBelow: threshold(right, associative ? precedence : precedence + 1))
        case .prefix(let symbol, let inner, _):
            output += symbol == "-" ? "-" : symbol + " "
            writeOperand(inner, parenthesizedBelow: 10)
        case .postfix(let inner, let symbol):
            writeOperand(inner, parenthesizedBelow: 5)
            output += " "
            output += symbol
        case .call(let call):
            output += call.name
            output += call.distinct ? "(DISTINCT " : "("
            writeList(call.arguments)
            output += ")"
            if !call.withinGroup.isEmpty {
                output += " WITHIN GROUP (ORDER BY "
                write(call.withinGroup)
                output += ")"
            }
            if let filter = call.filter {
                output += " FILTER (WHERE "
                write(filter)
                output += ")"
            }
        case .cast(let inner, let type):
            output += "CAST("
            write(inner)
            output += " AS "
            output += type
            output += ")"
        case .caseWhen(let subject, let clauses, let otherwise):
            output += "CASE"
            if let subject {
                output += " "
                write(subject)
            }
            for (condition, value) in clauses {
                output += " WHEN "
                write(condition)
                output += " THEN "
                write(value)
            }
            if let otherwise {
                output += " ELSE "
                write(otherwise)
            }
            output += " END"
        case .inList(let subject, let values, let negated):
            writeOperand(subject, parenthesizedBelow: 5)
            output += negated ? " NOT IN (" : " IN ("
            writeList(values)
            output += ")"
        case .between(let subject, let low, let high, let negated):
            writeOperand(subject, parenthesizedBelow: 5)
            output += negated ? " NOT BETWEEN " : " BETWEEN "
            writeOperand(low, parenthesizedBelow: 5)
            output += " AND "
            writeOperand(high, parenthesizedBelow: 5)
        case .subquery(let query):
            writeNested(query)
        case .inSubquery(let subject, let query, let negated):
            writeOperand(subject, parenthesizedBelow: 5)
            output += negated ? " NOT IN " : " IN "
            writeNested(query)
        case .exists(let query, let negated):
            output += negated ? "NOT EXISTS " : "EXISTS "
            writeNested(query)
        case .window(let function, let window):
            write(function)
            output += " OVER ("
            var separator = ""
            if !window.partitionBy.isEmpty {
                output += "PARTITION BY "
                writeList(window.partitionBy)
                separator = " "
            }
            if !window.orderBy.isEmpty {
                output += separator
                output += "ORDER BY "
                write(window.orderBy)
                separator = " "
            }
            if let frame = window.frame {
                output += separator
                output += frame
            }
            output += ")"
        case .sequence(let pieces):
            for (index, piece) in pieces.enumerated() {
                if index > 0 { output += " " }
                write(piece)
            }
        case .parenthesized(let inner):
            output += "("
            write(inner)
            output += ")"
        case .list(let items, let brackets):
            output += brackets ? "[" : "("
            writeList(items)
            output += brackets ? "]" : ")"
        }
    }
}

/// A hint's text made safe inside a `/*+ … */` comment: nothing in it can end the comment or open a nested one
/// (PostgreSQL nests block comments), so user text never becomes SQL. `*/` and `/*` get a space between their
/// characters, and NUL and other control characters (which would cut a C string short) become spaces.
func hintCommentText(_ hint: String) -> String {
    var result = String.UnicodeScalarView()
    var previous: Unicode.Scalar?
    for scalar in hint.unicodeScalars {
        var next = scalar
        if scalar.value < 0x20 || scalar.value == 0x7F { next = " " }
        if let previous, (previous == "*" && next == "/") || (previous == "/" && next == "*") { result.append(" ") }
        result.append(next)
        previous = next
    }
    // A trailing `*` or `/` cannot join the closing `*/`: the printer writes a space before it.
    return String(result)
}

/// The first name a printer refused; shared by the printer's copies.
private final class RefusedName {
    var name: String?
}
