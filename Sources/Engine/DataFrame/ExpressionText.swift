/// Parses the SQL-like expression strings of `select_expr("amount * 2 AS double_amount")` and
/// `where("amount > 2400 AND status = 'paid'")` into plan expressions.
///
/// Grammar (SQL precedence): `OR`, `AND`, `NOT`, comparisons (`= == != <> < <= > >=`), `IS [NOT] NULL`,
/// `[NOT] [I]LIKE`, `[NOT] BETWEEN … AND …`, `[NOT] IN (…)`, `+ - || * / %`, unary minus, parentheses, numbers,
/// `'text'` (with `''`), `TRUE`/`FALSE`/`NULL`, column names (`a`, `t.a`, `"quoted"`), `*`, function calls of the
/// registry (`upper(name)`, `count(*)`, `count(DISTINCT x)`), `CASE [x] WHEN … THEN … [ELSE …] END`,
/// `CAST(x AS type)`, and a trailing `[AS] alias`.
/// Values become literals (bind parameters), never SQL text.
public enum ExpressionText {
    /// Parses one expression, with an optional alias.
    public static func parse(_ text: String) throws -> Expression {
        var parser = Parser(tokens: try tokenize(text), text: text)
        var expression = try parser.expression()
        if parser.accept(keyword: "AS") || parser.peekIsIdentifier {
            guard let alias = parser.identifier() else { throw parser.error("an alias after AS") }
            expression = .alias(expression, alias)
        }
        guard parser.atEnd else { throw parser.error("the end of the expression") }
        return expression
    }

    /// How deep brackets, `CASE`, `NOT` and unary signs may nest: the language parser's limit, so a hostile string
    /// is an error rather than a stack overflow.
    static let nestingLimit = Moltres.Parser.defaultNestingLimit

    /// The expression quoted for a message, cut to 80 characters.
    static func quoted(_ text: String) -> String {
        text.count <= 80 ? "'\(text)'" : "'\(text.prefix(77))…'"
    }

    enum Token: Equatable {
        case identifier(String, quoted: Bool)
        case number(String)
        case string(String)
        case symbol(String)
    }

    static func tokenize(_ text: String) throws -> [Token] {
        var tokens: [Token] = []
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace {
                index += 1
            } else if character == "'" || character == "\"" {
                var value = ""
                index += 1
                while true {
                    guard index < characters.count else {
                        throw PlanError.invalidUse("unterminated \(character) in expression \(quoted(text))")
                    }
                    if characters[index] == character {
                        if index + 1 < characters.count && characters[index + 1] == character {
                            value.append(character)
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    value.append(characters[index])
                    index += 1
                }
                tokens.append(character == "'" ? .string(value) : .identifier(value, quoted: true))
            } else if character.isNumber
                || (character == "." && index + 1 < characters.count && characters[index + 1].isNumber)
            {
                var value = ""
                while index < characters.count
                    && (characters[index].isNumber || characters[index] == "." || characters[index] == "e"
                        || characters[index] == "E"
                        || ((characters[index] == "-" || characters[index] == "+")
                            && (value.last == "e" || value.last == "E")))
                {
                    value.append(characters[index])
                    index += 1
                }
                tokens.append(.number(value))
            } else if character.isLetter || character == "_" {
                var value = ""
                while index < characters.count
                    && (characters[index].isLetter || characters[index].isNumber || characters[index] == "_")
                {
                    value.append(characters[index])
                    index += 1
                }
                tokens.append(.identifier(value, quoted: false))
            } else {
                let two = index + 1 < characters.count ? String([character, characters[index + 1]]) : ""
                if ["<=", ">=", "!=", "<>", "==", "||"].contains(two) {
                    tokens.append(.symbol(two))
                    index += 2
                } else if "=<>+-*/%(),.".contains(character) {
                    tokens.append(.symbol(String(character)))
                    index += 1
                } else {
                    throw PlanError.invalidUse("unexpected '\(character)' in expression \(quoted(text))")
                }
            }
        }
        return tokens
    }

    struct Parser {
        var tokens: [Token]
        var position = 0
        let text: String
        /// The current nesting of expressions, signs and `NOT`s (``ExpressionText/nestingLimit``).
        var depth = 0

        init(tokens: [Token], text: String) {
            self.tokens = tokens
            self.text = text
        }

        var atEnd: Bool { position >= tokens.count }
        var peek: Token? { atEnd ? nil : tokens[position] }

        var peekIsIdentifier: Bool {
            if case .identifier(let name, let quoted)? = peek {
                return quoted || !Self.reserved.contains(name.uppercased())
            }
            return false
        }

        static let reserved: Set<String> = [
            "AND", "OR", "NOT", "IS", "NULL", "LIKE", "ILIKE", "BETWEEN", "IN", "AS", "TRUE", "FALSE", "DISTINCT",
            "CASE", "WHEN", "THEN", "ELSE", "END",
        ]

        func error(_ expected: String) -> PlanError {
            PlanError.invalidUse("expected \(expected) in expression \(quoted(text))")
        }

        mutating func accept(keyword: String) -> Bool {
            guard peekIsKeyword(keyword) else { return false }
            position += 1
            return true
        }

        mutating func accept(symbol: String) -> Bool {
            if case .symbol(symbol)? = peek {
                position += 1
                return true
            }
            return false
        }

        mutating func identifier() -> String? {
            guard case .identifier(let name, _)? = peek else { return nil }
            position += 1
            return name
        }

        mutating func expression() throws -> Expression {
            try nested { try $0.disjunction() }
        }

        /// Runs `body` one level deeper, or throws past ``ExpressionText/nestingLimit``.
        mutating func nested(_ body: (inout Parser) throws -> Expression) throws -> Expression {
            guard depth < ExpressionText.nestingLimit else {
                throw PlanError.invalidUse(
                    "expression nested more than \(ExpressionText.nestingLimit) levels deep in expression \(quoted(text))"
                )
            }
            depth += 1
            defer { depth -= 1 }
            return try body(&self)
        }

        mutating func disjunction() throws -> Expression {
            var left = try conjunction()
            while accept(keyword: "OR") { left = .binary(.or, left, try conjunction()) }
            return left
        }

        mutating func conjunction() throws -> Expression {
            var left = try negation()
            while accept(keyword: "AND") { left = .binary(.and, left, try negation()) }
            return left
        }

        mutating func negation() throws -> Expression {
            if accept(keyword: "NOT") { return .unary(.not, try nested { try $0.negation() }) }
            return try comparison()
        }

        mutating func comparison() throws -> Expression {
            let left = try additive()
            let operators: [(String, Expression.BinaryOperator)] = [
                ("<=", .lessThanOrEqual), (">=", .greaterThanOrEqual), ("!=", .notEqual), ("<>", .notEqual),
                ("==", .equal), ("=", .equal), ("<", .lessThan), (">", .greaterThan),
            ]
            for (symbol, op) in operators where accept(symbol: symbol) {
                return .binary(op, left, try additive())
            }
            if accept(keyword: "IS") {
                let negated = accept(keyword: "NOT")
                guard accept(keyword: "NULL") else { throw error("NULL after IS") }
                return .isNull(left, negated: negated)
            }
            let negated = accept(keyword: "NOT")
            if accept(keyword: "LIKE") { return .match(PatternMatch(left, .like, try additive(), negated: negated)) }
            if accept(keyword: "ILIKE") { return .match(PatternMatch(left, .ilike, try additive(), negated: negated)) }
            if accept(keyword: "BETWEEN") {
                let low = try additive()
                guard accept(keyword: "AND") else { throw error("AND in BETWEEN") }
                return .between(left, low: low, high: try additive(), negated: negated)
            }
            if accept(keyword: "IN") {
                guard accept(symbol: "(") else { throw error("( after IN") }
                var values: [Expression] = []
                if !accept(symbol: ")") {
                    repeat { values.append(try expression()) } while accept(symbol: ",")
                    guard accept(symbol: ")") else { throw error(") after the IN list") }
                }
                return .inList(left, values, negated: negated)
            }
            if negated { throw error("LIKE, ILIKE, BETWEEN or IN after NOT") }
            return left
        }

        mutating func additive() throws -> Expression {
            var left = try multiplicative()
            while true {
                if accept(symbol: "+") {
                    left = .binary(.add, left, try multiplicative())
                } else if accept(symbol: "-") {
                    left = .binary(.subtract, left, try multiplicative())
                } else if accept(symbol: "||") {
                    left = .binary(.concatenate, left, try multiplicative())
                } else {
                    return left
                }
            }
        }

        mutating func multiplicative() throws -> Expression {
            var left = try unary()
            while true {
                if accept(symbol: "*") {
                    left = .binary(.multiply, left, try unary())
                } else if accept(symbol: "/") {
                    left = .binary(.divide, left, try unary())
                } else if accept(symbol: "%") {
                    left = .binary(.modulo, left, try unary())
                } else {
                    return left
                }
            }
        }

        mutating func unary() throws -> Expression {
            if accept(symbol: "-") {
                let operand = try nested { try $0.unary() }
                if case .literal(.integer(let value)) = operand { return .literal(.integer(-value)) }
                if case .literal(.real(let value)) = operand { return .literal(.real(-value)) }
                return .unary(.negate, operand)
            }
            if accept(symbol: "+") { return try nested { try $0.unary() } }
            return try primary()
        }

        mutating func primary() throws -> Expression {
            guard let token = peek else { throw error("a value") }
            position += 1
            switch token {
            case .number(let text):
                if let integer = Int64(text) { return .literal(.integer(integer)) }
                if let real = Double(text) { return .literal(.real(real)) }
                throw error("a number instead of '\(text)'")
            case .string(let value):
                return .literal(.text(value))
            case .symbol("("):
                let inner = try expression()
                guard accept(symbol: ")") else { throw error(")") }
                return inner
            case .symbol("*"):
                return .star(qualifier: nil)
            case .symbol:
                throw error("a value")
            case .identifier(let name, let quoted):
                if !quoted {
                    switch name.uppercased() {
                    case "NULL": return .literal(.null)
                    case "TRUE": return .literal(.boolean(true))
                    case "FALSE": return .literal(.boolean(false))
                    case "CASE": return try caseExpression()
                    case "CAST" where accept(symbol: "("): return try cast()
                    default: break
                    }
                }
                if !quoted && accept(symbol: "(") { return try call(name) }
                var reference = ColumnReference(name)
                if accept(symbol: ".") {
                    if accept(symbol: "*") { return .star(qualifier: name) }
                    guard let column = identifier() else { throw error("a column name after '\(name).'") }
                    reference = ColumnReference(column, qualifier: name)
                }
                return .column(reference)
            }
        }

        /// `CASE [subject] WHEN a THEN x … [ELSE y] END`, after `CASE`; a subject compares with each `WHEN` value.
        mutating func caseExpression() throws -> Expression {
            let subject = peekIsKeyword("WHEN") ? nil : try expression()
            var clauses: [WhenClause] = []
            while accept(keyword: "WHEN") {
                let test = try expression()
                guard accept(keyword: "THEN") else { throw error("THEN after WHEN …") }
                clauses.append(WhenClause(subject.map { .binary(.equal, $0, test) } ?? test, try expression()))
            }
            guard !clauses.isEmpty else { throw error("WHEN after CASE") }
            let otherwise = accept(keyword: "ELSE") ? try expression() : nil
            guard accept(keyword: "END") else { throw error("END after the CASE branches") }
            return .caseWhen(clauses, else: otherwise)
        }

        /// `CAST(x AS type)`, after `CAST(`; the type may carry `(precision, scale)`.
        mutating func cast() throws -> Expression {
            let operand = try expression()
            guard accept(keyword: "AS"), let name = identifier() else { throw error("AS and a type in CAST") }
            var typeName = name
            if accept(symbol: "(") {
                var numbers: [String] = []
                repeat {
                    guard case .number(let number)? = peek else { throw error("a number in \(name)(…)") }
                    position += 1
                    numbers.append(number)
                } while accept(symbol: ",")
                guard accept(symbol: ")") else { throw error(") after \(name)(…") }
                typeName += "(" + numbers.joined(separator: ",") + ")"
            }
            guard accept(symbol: ")") else { throw error(") after CAST(… AS \(typeName)") }
            guard let target = CastTarget(typeName: typeName) else {
                throw PlanError.invalidUse("unknown type '\(typeName)' in expression \(quoted(text))")
            }
            return .cast(operand, target)
        }

        func peekIsKeyword(_ keyword: String) -> Bool {
            if case .identifier(let name, false)? = peek { return name.uppercased() == keyword }
            return false
        }

        mutating func call(_ name: String) throws -> Expression {
            let lowered = name.lowercased()
            let canonical = lowered == "ceiling" ? "ceil" : lowered
            guard let function = BuiltinFunction.named(canonical), function.kind != .special else {
                throw PlanError.invalidUse("unknown function '\(name)' in expression \(quoted(text))")
            }
            let distinct = accept(keyword: "DISTINCT")
            var arguments: [Expression] = []
            if !accept(symbol: ")") {
                repeat { arguments.append(try expression()) } while accept(symbol: ",")
                guard accept(symbol: ")") else { throw error(") after the arguments of \(name)") }
            }
            if function.name == "count", arguments == [.star(qualifier: nil)] { arguments = [] }
            if function.name == "count" && distinct {
                return .function(FunctionCall(BuiltinFunction.builtin("count_distinct"), arguments))
            }
            return .function(FunctionCall(function, arguments, distinct: distinct))
        }
    }
}

extension DataFrame {
    /// `select_expr("amount * 2 AS double_amount", "upper(status) AS s")`.
    public func selectExpr(_ expressions: String...) -> DataFrame {
        do {
            return with(.project(plan, try expressions.map(ExpressionText.parse)))
        } catch let error as PlanError {
            return DataFrame(plan, session: session, buildError: buildError ?? error)
        } catch {
            return DataFrame(plan, session: session, buildError: buildError ?? .invalidUse("\(error)"))
        }
    }

    /// Same as ``selectExpr(_:)``.
    public func select_expr(_ expressions: String...) -> DataFrame {
        do {
            return with(.project(plan, try expressions.map(ExpressionText.parse)))
        } catch {
            return DataFrame(
                plan, session: session, buildError: buildError ?? (error as? PlanError) ?? .invalidUse("\(error)"))
        }
    }

    /// Filters with a SQL-like condition: `where("amount > 2400 AND status = 'paid'")`.
    public func `where`(_ condition: String) -> DataFrame {
        do {
            return with(.filter(plan, try ExpressionText.parse(condition)))
        } catch {
            return DataFrame(
                plan, session: session, buildError: buildError ?? (error as? PlanError) ?? .invalidUse("\(error)"))
        }
    }

    /// Same as ``where(_:)-(String)``.
    public func filter(_ condition: String) -> DataFrame { `where`(condition) }
}
