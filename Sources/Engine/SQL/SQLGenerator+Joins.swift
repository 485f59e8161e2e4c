/// Joins: the FROM-clause side of the generator (see `SQLGenerator.swift`).
extension SQLGenerator {
    // MARK: - Joins

    func buildJoin(_ join: Join) throws -> Level {
        if join.lateral {
            if !dialect.supportsLateralJoin {
                throw PlanError.unsupportedFeature("join(..., lateral=True) (JOIN LATERAL)", dialect: dialect.name)
            }
            switch join.kind {
            case .inner, .left, .cross: break
            case .right, .full, .semi, .anti:
                throw PlanError.invalidUse(
                    "a lateral join must be inner, left or cross (the right side reads the left's rows), "
                        + "not \(join.kind.rawValue)")
            }
        }
        var left = try build(join.left)
        if !left.hasLimit {
            left.select.orderBy = []
            left.sortKeys = []
        }
        if Self.needsNewLevel(for: .joinInput(join.kind), on: left) { left = try wrap(left) }
        // A lateral right side resolves the left side's columns as an enclosing scope (like a correlated
        // subquery) and is always a subquery: `JOIN LATERAL (SELECT …) AS t ON …`.
        if join.lateral { outerScopes.append(left) }
        var right: Level
        do {
            defer { if join.lateral { outerScopes.removeLast() } }
            right = try build(join.right)
            if !right.hasLimit {
                right.select.orderBy = []
                right.sortKeys = []
            }
            if join.lateral || !right.isPlainSource || right.select.from.count != 1 || !right.select.joins.isEmpty {
                right = try wrap(right)
            }
        }
        // Two sources with the same name (a self-join) get distinct aliases.
        if case .table(let schema, let name, let alias) = right.select.from[0] {
            let sqlName = alias ?? name
            if left.sourceNames.contains(where: { $0.lowercased() == sqlName.lowercased() }) {
                var fresh = "\(sqlName)_2"
                var suffix = 2
                if !namesReserved, let root {
                    namesReserved = true
                    reserveNames(in: root)
                }
                while left.sourceNames.contains(where: { $0.lowercased() == fresh.lowercased() })
                    || reservedNames.contains(fresh.lowercased())
                {
                    suffix += 1
                    fresh = "\(sqlName)_\(suffix)"
                }
                right.select.from[0] = .table(schema: schema, name: name, alias: fresh)
                right.sourceNames = [fresh]
                right.openQualifiers = right.openQualifiers.map { $0 == sqlName ? fresh : $0 }
                for index in right.columns.indices {
                    if case .column(_, let column) = right.columns[index].sql {
                        right.columns[index].sql = .column(qualifier: fresh, name: column)
                    }
                }
            }
        }
        var kind = join.kind
        var rightItem = right.select.from[0]
        if kind == .right && !dialect.supportsRightJoin {
            // Swap the sides: the right input becomes the FROM source of a LEFT JOIN.
            guard left.isPlainSource && left.select.from.count == 1 && left.select.joins.isEmpty else {
                throw PlanError.unsupportedFeature("RIGHT JOIN of a joined input", dialect: dialect.name)
            }
            let leftItem = left.select.from[0]
            left.select.from = [rightItem]
            rightItem = leftItem
            swap(&left.sourceNames, &right.sourceNames)
            kind = .left
            let swapped = left.columns
            left.columns = right.columns
            right.columns = swapped
        }
        if kind == .full && !dialect.supportsFullJoin {
            throw PlanError.unsupportedFeature("FULL OUTER JOIN", dialect: dialect.name)
        }
        // The combined scope sees both sides.
        var combined = Level()
        combined.columns = left.columns + right.columns
        combined.openQualifiers = left.openQualifiers + right.openQualifiers
        combined.qualifierAliases = left.qualifierAliases.merging(right.qualifierAliases) { first, _ in first }
        combined.sourceNames = left.sourceNames + right.sourceNames
        var condition: SQLExpression?
        var usingNames: [String] = []
        switch join.condition {
        case .on(let expression):
            condition = try translate(expression, in: combined).sql
        case .using(let names):
            usingNames = names
            condition = try names.map { name -> SQLExpression in
                let leftColumn = try resolve(ColumnReference(name), in: left)
                let rightColumn = try resolve(ColumnReference(name), in: right)
                return .op(leftColumn.sql, "=", rightColumn.sql)
            }.reduce(nil as SQLExpression?) { partial, next in partial.map { .op($0, "AND", next) } ?? next }
        case .pairs(let pairs):
            condition = try pairs.map { pair -> SQLExpression in
                let leftColumn = try resolve(ColumnReference(parsing: pair.left), in: left)
                let rightColumn = try resolve(ColumnReference(parsing: pair.right), in: right)
                return .op(leftColumn.sql, "=", rightColumn.sql)
            }.reduce(nil as SQLExpression?) { partial, next in partial.map { .op($0, "AND", next) } ?? next }
        case .none:
            condition = nil
        }
        switch kind {
        case .semi, .anti:
            var subquery = SQLSelect()
            subquery.columns = [SQLSelectItem(expression: .number(1), alias: nil)]
            subquery.from = [rightItem]
            subquery.whereClause = condition
            let exists = SQLExpression.exists(.select(subquery), negated: kind == .anti)
            left.select.whereClause = left.select.whereClause.map { .op($0, "AND", exists) } ?? exists
            return left
        case .inner, .left, .right, .full, .cross:
            break
        }
        var keyword: String
        switch kind {
        case .inner: keyword = condition == nil ? "CROSS JOIN" : "JOIN"
        case .left: keyword = "LEFT JOIN"
        case .right: keyword = "RIGHT JOIN"
        case .full: keyword = "FULL JOIN"
        case .cross, .semi, .anti: keyword = "CROSS JOIN"
        }
        if join.lateral {
            keyword += " LATERAL"
            // LEFT JOIN needs an ON; a lateral left join without a condition keeps every left row.
            if kind == .left && condition == nil { condition = .token("TRUE") }
        }
        var level = left
        level.select.joins.append(
            SQLJoin(keyword: keyword, item: rightItem, condition: kind == .cross ? nil : condition))
        switch dialect.joinHintSyntax {
        case .statementHead: statementHints += join.hints
        case .afterSelect: level.select.hints += join.hints
        case .none: break
        }
        level.sourceNames = combined.sourceNames
        level.openQualifiers = combined.openQualifiers
        level.qualifierAliases = combined.qualifierAliases
        let leftNullable = kind == .right || kind == .full
        let rightNullable = kind == .left || kind == .full
        var leftColumns = left.columns
        var rightColumns = right.columns
        if leftNullable { for index in leftColumns.indices { leftColumns[index].column.isNullable = true } }
        if rightNullable { for index in rightColumns.indices { rightColumns[index].column.isNullable = true } }
        for name in usingNames {
            guard let rightIndex = rightColumns.firstIndex(where: { $0.column.name == name }),
                let leftIndex = leftColumns.firstIndex(where: { $0.column.name == name })
            else { continue }
            let rightColumn = rightColumns.remove(at: rightIndex)
            leftColumns[leftIndex].column.qualifiers += rightColumn.column.qualifiers
            switch kind {
            case .full:
                leftColumns[leftIndex].sql = .function("coalesce", [leftColumns[leftIndex].sql, rightColumn.sql])
            case .right:
                leftColumns[leftIndex].sql = rightColumn.sql
                leftColumns[leftIndex].column.isNullable = rightColumn.column.isNullable
            case .inner, .left, .cross, .semi, .anti:
                break
            }
        }
        level.columns = leftColumns + rightColumns
        if !usingNames.isEmpty { level.hasProjection = level.hasProjection || kind == .full }
        return level
    }
}
