import CJSON

/// The version of the Language Server Protocol this module implements.
public let lspVersion = "3.17"
