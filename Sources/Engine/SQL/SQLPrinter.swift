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
    private var numbers: [DatabaseValue: Int] = [:]
    private var depth = 0

    init(dialect: any Dialect, pretty: Bool, inlineLiterals: Bool) {
        self.dialect = dialect
        self.pretty = pretty
        self.inlineLiterals = inlineLiterals
    }

    /// Prints `tree` compactly and prettily.
    static func statement(for tree: SQLTree, dialect: any Dialect, resultColumns: [PlanColumn]) -> SQLStatement {
        var inline = false
        if case .createTable = tree { inline = true }
        var compact = SQLPrinter(dialect: dialect, pretty: false, inlineLiterals: inline)
        let text = compact.statement(tree)
        return SQLStatement(
            text: text, tree: tree, dialect: dialect, parameters: compact.parameters, resultColumns: resultColumns)
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

    private func quote(_ name: String) -> String { dialect.quoteIdentifier(name) }

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
        switch query {
        case .select(let select): return self.select(select)
        case .setOperation(let left, let keyword, let right):
            return self.query(left) + newline + keyword + newline + self.query(right)
        case .values(let rows):
            let separator = pretty ? "," + newline + "       " : ", "
            return "VALUES "
                + rows.map { row in "(" + row.map { expression($0) }.joined(separator: ", ") + ")" }.joined(
                    separator: separator)
        case .raw(let raw):
            return rawText(raw)
        case .spelled(let expression):
            return self.expression(expression)
        }
    }

    private mutating func select(_ select: SQLSelect) -> String {
        var text = "SELECT "
        if select.distinct { text += "DISTINCT " }
        if select.columns.isEmpty {
            text += "*"
        } else {
            text += select.columns.map { item in
                let value = expression(item.expression)
                return item.alias.map { value + " AS " + quote($0) } ?? value
            }.joined(separator: ", ")
        }
        if !select.from.isEmpty {
            text += newline + "FROM " + select.from.map { fromItem($0) }.joined(separator: ", ")
        }
        for join in select.joins {
            text += newline + join.keyword + " " + fromItem(join.item)
            if let condition = join.condition { text += " ON " + expression(condition) }
        }
        if let condition = select.whereClause { text += newline + "WHERE " + expression(condition) }
        if !select.groupBy.isEmpty {
            text += newline + "GROUP BY " + select.groupBy.map { expression($0) }.joined(separator: ", ")
        }
        if let having = select.having { text += newline + "HAVING " + expression(having) }
        if !select.orderBy.isEmpty { text += newline + "ORDER BY " + orderList(select.orderBy) }
        switch dialect.limitSyntax {
        case .limitOffset:
            if let limit = select.limit { text += newline + "LIMIT " + expression(limit) }
            if let offset = select.offset { text += newline + "OFFSET " + expression(offset) }
        case .offsetFetch:
            if select.offset != nil || select.limit != nil {
                text += newline + "OFFSET " + (select.offset.map { expression($0) } ?? "0") + " ROWS"
            }
            if let limit = select.limit { text += newline + "FETCH NEXT " + expression(limit) + " ROWS ONLY" }
        }
        return text
    }

    private mutating func orderList(_ items: [SQLOrderItem]) -> String {
        items.map { item in
            var text = expression(item.expression) + (item.descending ? " DESC" : " ASC")
            if let nulls = item.nulls { text += nulls == .first ? " NULLS FIRST" : " NULLS LAST" }
            return text
        }.joined(separator: ", ")
    }

    private mutating func fromItem(_ item: SQLFromItem) -> String {
        switch item {
        case .table(let schema, let name, let alias):
            let table = (schema.map { quote($0) + "." } ?? "") + quote(name)
            return alias.map { table + " AS " + quote($0) } ?? table
        case .subquery(let query, let alias):
            return nested { $0.query(query) } + " AS " + quote(alias)
        case .function(let call, let alias, let columns):
            let head = expression(call) + " AS " + quote(alias)
            return columns.isEmpty ? head : head + " (" + columns.map(quote).joined(separator: ", ") + ")"
        }
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

    private mutating func operand(_ expression: SQLExpression, parenthesizedBelow threshold: Int) -> String {
        let text = self.expression(expression)
        return Self.precedence(of: expression) < threshold ? "(" + text + ")" : text
    }

    mutating func expression(_ expression: SQLExpression) -> String {
        switch expression {
        case .column(let qualifier, let name):
            return (qualifier.map { quote($0) + "." } ?? "") + quote(name)
        case .star(let qualifier):
            return (qualifier.map { quote($0) + "." } ?? "") + "*"
        case .parameter(let value):
            return placeholder(value)
        case .token(let text):
            return text
        case .binary(let left, let symbol, let right, let precedence):
            let associative = symbol == "AND" || symbol == "OR" || symbol == "||"
            let leftText = operand(left, parenthesizedBelow: precedence == 4 ? precedence + 1 : precedence)
            let rightText = operand(right, parenthesizedBelow: associative ? precedence : precedence + 1)
            return leftText + " " + symbol + " " + rightText
        case .prefix(let symbol, let inner, let precedence):
            let text = operand(inner, parenthesizedBelow: 10)
            _ = precedence
            return symbol == "-" ? "-" + text : symbol + " " + text
        case .postfix(let inner, let symbol):
            return operand(inner, parenthesizedBelow: 5) + " " + symbol
        case .call(let call):
            var text = call.name + "("
            if call.distinct { text += "DISTINCT " }
            text += call.arguments.map { self.expression($0) }.joined(separator: ", ") + ")"
            if !call.withinGroup.isEmpty { text += " WITHIN GROUP (ORDER BY " + orderList(call.withinGroup) + ")" }
            if let filter = call.filter { text += " FILTER (WHERE " + self.expression(filter) + ")" }
            return text
        case .cast(let inner, let type):
            return "CAST(" + self.expression(inner) + " AS " + type + ")"
        case .caseWhen(let subject, let clauses, let otherwise):
            var text = "CASE"
            if let subject { text += " " + self.expression(subject) }
            for (condition, value) in clauses {
                text += " WHEN " + self.expression(condition) + " THEN " + self.expression(value)
            }
            if let otherwise { text += " ELSE " + self.expression(otherwise) }
            return text + " END"
        case .inList(let subject, let values, let negated):
            return operand(subject, parenthesizedBelow: 5) + (negated ? " NOT IN (" : " IN (")
                + values.map { self.expression($0) }.joined(separator: ", ") + ")"
        case .between(let subject, let low, let high, let negated):
            return operand(subject, parenthesizedBelow: 5) + (negated ? " NOT BETWEEN " : " BETWEEN ")
                + operand(low, parenthesizedBelow: 5) + " AND " + operand(high, parenthesizedBelow: 5)
        case .subquery(let query):
            return nested { $0.query(query) }
        case .inSubquery(let subject, let query, let negated):
            return operand(subject, parenthesizedBelow: 5) + (negated ? " NOT IN " : " IN ")
                + nested { $0.query(query) }
        case .exists(let query, let negated):
            return (negated ? "NOT EXISTS " : "EXISTS ") + nested { $0.query(query) }
        case .window(let function, let window):
            var parts: [String] = []
            if !window.partitionBy.isEmpty {
                parts.append("PARTITION BY " + window.partitionBy.map { self.expression($0) }.joined(separator: ", "))
            }
            if !window.orderBy.isEmpty { parts.append("ORDER BY " + orderList(window.orderBy)) }
            if let frame = window.frame { parts.append(frame) }
            return self.expression(function) + " OVER (" + parts.joined(separator: " ") + ")"
        case .sequence(let pieces):
            return pieces.map { self.expression($0) }.joined(separator: " ")
        case .parenthesized(let inner):
            return "(" + self.expression(inner) + ")"
        case .list(let items, let brackets):
            let body = items.map { self.expression($0) }.joined(separator: ", ")
            return brackets ? "[" + body + "]" : "(" + body + ")"
        }
    }
}
