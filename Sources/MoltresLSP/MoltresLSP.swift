import Moltres
import MoltresProtocol

/// The name the server reports in `initialize`.
public let serverName = "moltres"
