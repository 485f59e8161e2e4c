import Foundation
import Moltres
import MoltresProtocol

extension LanguageServer {
    /// `moltres.showSQL`, `moltres.runQuery`, `moltres.runFile` and `moltres.explain`.
    func statementCommand(
        _ command: String, arguments: StatementCommandArguments, context: RequestContext<LSPAny?>
    ) throws -> LSPAny? {
        throw ResponseError(
            code: ResponseError.requestFailed,
            message: "\(command) needs the compiler, which this build does not have yet")
    }
}
