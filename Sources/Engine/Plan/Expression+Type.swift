/// The type of an expression's values.
public struct ExpressionType: Sendable, Hashable {
    /// The checker type.
    public var type: SQLType
    /// Whether values may be `NULL`.
    public var isNullable: Bool

    /// Creates a type.
    public init(_ type: SQLType, nullable: Bool = true) {
        self.type = type
        self.isNullable = nullable
    }
}

extension SQLType {
    /// The wider of two numeric types (integer → real → decimal); `nil` unless both are numeric or unknown.
    public func widened(with other: SQLType) -> SQLType? {
        if self == .unknown { return other.isNumeric || other == .unknown ? other : nil }
        if other == .unknown { return isNumeric ? self : nil }
        guard isNumeric, other.isNumeric else { return nil }
        if self == .decimal || other == .decimal { return .decimal }
        if self == .real || other == .real { return .real }
        return .integer
    }
}

extension PlanColumn {
    /// Finds the column a reference names among `columns`.
    ///
    /// A qualified reference matches a column with that qualifier; an unqualified one must match exactly one
    /// name. An exact spelling wins over a case-insensitive one.
    public static func resolve(_ reference: ColumnReference, in columns: [PlanColumn]) -> Result<Int, PlanError> {
        func matches(_ column: PlanColumn, folded: Bool) -> Bool {
            let nameMatches =
                folded ? column.name.lowercased() == reference.name.lowercased() : column.name == reference.name
            guard nameMatches else { return false }
            guard let qualifier = reference.qualifier else { return true }
            return column.qualifiers.contains {
                folded ? $0.lowercased() == qualifier.lowercased() : $0 == qualifier
            }
        }
        for folded in [false, true] {
            let found = columns.indices.filter { matches(columns[$0], folded: folded) }
            if found.count == 1 { return .success(found[0]) }
            if found.count > 1 {
                let names = found.map { index in
                    columns[index].qualifiers.first.map { "\($0).\(columns[index].name)" } ?? columns[index].name
                }
                return .failure(.ambiguousColumn(reference.name, candidates: names))
            }
        }
        return .failure(.unknownColumn(reference, candidates: columns.map(\.name)))
    }
}

extension Expression {
    /// Infers the type of the expression over input columns, reporting type errors as values.
    ///
    /// Numeric operands widen (integer → real → decimal); comparing or adding text and numbers is an
    /// error (`MOL2101`) naming both types. `unknown` operands are accepted anywhere.
    public func inferType(in columns: [PlanColumn]) -> Result<ExpressionType, PlanError> {
        do {
            return .success(try type(in: columns))
        } catch let error as PlanError {
            return .failure(error)
        } catch {
            return .failure(PlanError(.operatorTypeMismatch, message: "\(error)"))
        }
    }

    private func type(in columns: [PlanColumn]) throws -> ExpressionType {
        switch self {
        case .column(let reference):
            let index = try PlanColumn.resolve(reference, in: columns).get()
            return ExpressionType(columns[index].type, nullable: columns[index].isNullable)
        case .literal(let value):
            switch value {
            case .null: return ExpressionType(.unknown)
            case .integer: return ExpressionType(.integer, nullable: false)
            case .real: return ExpressionType(.real, nullable: false)
            case .text: return ExpressionType(.text, nullable: false)
            case .blob: return ExpressionType(.blob, nullable: false)
            case .boolean: return ExpressionType(.boolean, nullable: false)
            }
        case .star: return ExpressionType(.unknown)
        case .binary(let op, let left, let right):
            let leftType = try left.type(in: columns)
            let rightType = try right.type(in: columns)
            let nullable = leftType.isNullable || rightType.isNullable
            switch op {
            case .add, .subtract, .multiply, .modulo, .power, .divide, .floorDivide:
                guard let widened = leftType.type.widened(with: rightType.type) else {
                    if op == .add, leftType.type == .text || rightType.type == .text,
                        leftType.type != .unknown || rightType.type != .unknown
                    {
                        if leftType.type == .text && rightType.type == .text {
                            return ExpressionType(.text, nullable: nullable)
                        }
                    }
                    throw PlanError.typeMismatch(
                        "cannot apply '\(op.rawValue)' to \(leftType.type.rawValue) and \(rightType.type.rawValue)")
                }
                switch op {
                case .divide, .power: return ExpressionType(widened == .decimal ? .decimal : .real, nullable: true)
                case .floorDivide: return ExpressionType(.integer, nullable: true)
                case .modulo: return ExpressionType(widened, nullable: true)
                case .add, .subtract, .multiply: return ExpressionType(widened, nullable: nullable)
                case .equal, .notEqual, .lessThan, .lessThanOrEqual, .greaterThan, .greaterThanOrEqual, .and, .or,
                    .concatenate:
                    return ExpressionType(widened, nullable: nullable)
                }
            case .equal, .notEqual, .lessThan, .lessThanOrEqual, .greaterThan, .greaterThanOrEqual:
                if !Self.comparable(leftType.type, rightType.type) {
                    throw PlanError.typeMismatch(
                        "cannot compare \(leftType.type.rawValue) with \(rightType.type.rawValue)")
                }
                return ExpressionType(.boolean, nullable: nullable)
            case .and, .or:
                return ExpressionType(.boolean, nullable: nullable)
            case .concatenate:
                return ExpressionType(.text, nullable: nullable)
            }
        case .unary(let op, let operand):
            let operandType = try operand.type(in: columns)
            switch op {
            case .negate:
                if operandType.type != .unknown && !operandType.type.isNumeric {
                    throw PlanError.typeMismatch("cannot negate \(operandType.type.rawValue)")
                }
                return operandType
            case .not: return ExpressionType(.boolean, nullable: operandType.isNullable)
            }
        case .alias(let operand, _): return try operand.type(in: columns)
        case .cast(let operand, let target):
            return ExpressionType(target.type, nullable: try operand.type(in: columns).isNullable)
        case .isNull(let operand, _):
            _ = try operand.type(in: columns)
            return ExpressionType(.boolean, nullable: false)
        case .inList, .inSubquery, .between, .match, .exists:
            for child in children { _ = try child.type(in: columns) }
            return ExpressionType(.boolean)
        case .sortOrder(let key): return try key.expression.type(in: columns)
        case .function(let call):
            let argumentTypes = try call.arguments.map { try $0.type(in: columns) }
            switch call.function.returnType {
            case .fixed(let type): return ExpressionType(type)
            case .argument(let index):
                return index < argumentTypes.count
                    ? ExpressionType(argumentTypes[index].type) : ExpressionType(.unknown)
            case .fractionalOf(let index):
                let type = index < argumentTypes.count ? argumentTypes[index].type : .unknown
                return ExpressionType(type == .decimal ? .decimal : .real)
            case .widenedArguments:
                let types = argumentTypes.map(\.type)
                let widened = types.dropFirst().reduce(types.first ?? .unknown) { $0.widened(with: $1) ?? $0 }
                return ExpressionType(widened)
            case .unknown: return ExpressionType(.unknown)
            }
        case .window(let function, _): return try function.type(in: columns)
        case .caseWhen(let clauses, let otherwise):
            var result: SQLType?
            for value in clauses.map(\.value) + (otherwise.map { [$0] } ?? []) {
                let valueType = try value.type(in: columns).type
                if valueType == .unknown { continue }
                result = result.map { $0.widened(with: valueType) ?? $0 } ?? valueType
            }
            return ExpressionType(result ?? .unknown)
        case .scalarSubquery: return ExpressionType(.unknown)
        }
    }

    private static func comparable(_ left: SQLType, _ right: SQLType) -> Bool {
        if left == .unknown || right == .unknown || left == right { return true }
        if left.isNumeric && right.isNumeric { return true }
        let temporal: Set<SQLType> = [.date, .time, .timestamp, .text]
        if temporal.contains(left) && temporal.contains(right) { return true }
        if (left == .boolean && right == .integer) || (left == .integer && right == .boolean) { return true }
        return false
    }
}

extension Expression {
    /// The type of the elements `explode` takes out of this array, given how to type an argument: text for
    /// `F.split(...)`; for `F.array(...)` the common type of its arguments (text when they mix text with other
    /// types, as ``FunctionArguments/arrayElements()`` stores them); `unknown` for any other array.
    func explodedElementType(argumentType: (Expression) throws -> SQLType) rethrows -> SQLType {
        guard case .function(let call) = unaliased else { return .unknown }
        if call.function.name == "split" { return .text }
        guard call.function.name == "array" else { return .unknown }
        let types = try call.arguments.map(argumentType).filter { $0 != .unknown }
        guard let first = types.first else { return .unknown }
        if types.contains(.text) { return .text }
        return types.dropFirst().reduce(first) { $0.widened(with: $1) ?? .unknown }
    }
}
