import Moltres
import MoltresProtocol

extension LanguageServer {
    /// `textDocument/signatureHelp`: the signature of the call around the cursor, from the function registry or
    /// the API catalog, with the active parameter (by position, or by keyword).
    func handleSignatureHelp(_ params: SignatureHelpParams) throws -> SignatureHelp? {
        let snapshot = try snapshot(params.textDocument.uri)
        let offset = converter(snapshot).byteOffset(of: params.position)
        let analysis = analysis(of: snapshot).scoped(at: offset)
        let context = SyntaxContext(tree: snapshot.tree, catalog: analysis.catalog, bindings: analysis.bindings)
        guard let call = context.enclosingCall(at: offset), let name = call.calleeName else { return nil }
        guard let (label, parameters, documentation) = callSignature(call, name: name, context: context) else {
            return nil
        }
        let position = context.argumentPosition(in: call, at: offset)
        var active = position.index
        if let keyword = position.label,
            let index = parameters.firstIndex(where: { $0.hasPrefix(keyword + "=") || $0 == keyword })
        {
            active = index
        } else if let star = parameters.firstIndex(where: { $0.hasPrefix("*") }), active >= star {
            active = star
        }
        let information = SignatureInformation(
            label: label,
            documentation: documentation.isEmpty
                ? nil : .markupContent(MarkupContent(kind: .markdown, value: documentation)),
            parameters: parameters.map { ParameterInformation(label: $0) })
        return SignatureHelp(
            signatures: [information], activeSignature: 0, activeParameter: min(active, max(parameters.count - 1, 0)))
    }

    /// The signature of a call: its label (`Owner.name(…) -> Result` for methods), parameters as written and
    /// documentation, from the function registry or the API catalog; `nil` for calls the server does not know.
    func callSignature(
        _ call: CallExpression, name: String, context: SyntaxContext
    ) -> (label: String, parameters: [String], documentation: String)? {
        let member = call.callee.flatMap(MemberAccess.init)
        if let function = BuiltinFunction.named(name),
            member == nil || member?.base.flatMap(NameExpression.init)?.name == "F"
        {
            return (APICatalog.signature(of: function), function.parameters, APICatalog.documentation(of: function))
        } else if let member, let base = member.base,
            let method = context.receiver(of: base).flatMap({ APICatalog.method(name, of: $0) })
                ?? APICatalog.anyMethod(name)?.1
        {
            return (method.signature, method.parameters, method.documentation)
        } else if name == "col" || name == "lit" || name == "connect" {
            let label =
                name == "col"
                ? "col(name) -> Column" : name == "lit" ? "lit(value) -> Column" : "connect(url_or_name) -> Database"
            return (label, [name == "col" ? "name" : name == "lit" ? "value" : "url_or_name"], "")
        }
        return nil
    }
}
