import Moltres
import MoltresProtocol

extension LanguageServer {
    /// `textDocument/definition`: the binding a name refers to.
    func handleDefinition(_ params: DefinitionParams) throws -> [Location]? {
        let snapshot = try snapshot(params.textDocument.uri)
        let converter = converter(snapshot)
        let index = BindingIndex(snapshot.tree)
        guard let binding = index.binding(at: converter.byteOffset(of: params.position)) else { return [] }
        return [Location(uri: snapshot.uri, range: converter.range(of: index.bindings[binding].nameRange))]
    }

    /// `textDocument/references`: every use of the binding at the position (and its definition when asked).
    func handleReferences(_ params: ReferenceParams) throws -> [Location]? {
        let snapshot = try snapshot(params.textDocument.uri)
        let converter = converter(snapshot)
        let index = BindingIndex(snapshot.tree)
        guard let binding = index.binding(at: converter.byteOffset(of: params.position)) else { return [] }
        var ranges = index.uses(of: binding)
        if params.context.includeDeclaration { ranges.insert(index.bindings[binding].nameRange, at: 0) }
        return ranges.map { Location(uri: snapshot.uri, range: converter.range(of: $0)) }
    }

    /// `textDocument/prepareRename`: only bindings can be renamed; anything else is refused with an error.
    func handlePrepareRename(_ params: PrepareRenameParams) throws -> PrepareRenameResult? {
        let snapshot = try snapshot(params.textDocument.uri)
        let converter = converter(snapshot)
        let offset = converter.byteOffset(of: params.position)
        let index = BindingIndex(snapshot.tree)
        guard let binding = index.binding(at: offset) else {
            throw ResponseError(code: ResponseError.requestFailed, message: "only bindings (name = …) can be renamed")
        }
        let range =
            ([index.bindings[binding].nameRange] + index.uses(of: binding)).first { $0.touches(offset) }
            ?? index.bindings[binding].nameRange
        return PrepareRenameResult(range: converter.range(of: range), placeholder: index.bindings[binding].name)
    }

    /// `textDocument/rename`: renames a binding and every use of it.
    func handleRename(_ params: RenameParams) throws -> WorkspaceEdit? {
        let snapshot = try snapshot(params.textDocument.uri)
        let converter = converter(snapshot)
        let index = BindingIndex(snapshot.tree)
        guard let binding = index.binding(at: converter.byteOffset(of: params.position)) else {
            throw ResponseError(code: ResponseError.requestFailed, message: "only bindings (name = …) can be renamed")
        }
        let newName = params.newName
        let valid =
            !newName.isEmpty && !(newName.first?.isNumber ?? true)
            && newName.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        guard valid else {
            throw ResponseError(code: ResponseError.invalidParams, message: "'\(newName)' is not a valid name")
        }
        let edits = ([index.bindings[binding].nameRange] + index.uses(of: binding)).map {
            MoltresProtocol.TextEdit(range: converter.range(of: $0), newText: newName)
        }
        return WorkspaceEdit(changes: [snapshot.uri: edits])
    }
}
