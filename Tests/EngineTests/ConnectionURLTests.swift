import Testing

@testable import Moltres

@Suite struct ConnectionURLTests {
    @Test(arguments: [
        ("sqlite://", ConnectionURL.SQLiteLocation.memory),
        ("sqlite:///:memory:", .memory),
        ("sqlite:///shop.db", .file("shop.db")),
        ("sqlite:///data/shop.db", .file("data/shop.db")),
        ("sqlite:////abs/path.db", .file("/abs/path.db")),
        ("sqlite+pysqlite:///x.db", .file("x.db")),
    ])
    func sqliteForms(text: String, location: ConnectionURL.SQLiteLocation) throws {
        let url = try ConnectionURL(text)
        #expect(url.kind == .sqlite)
        #expect(url.sqliteLocation == location)
    }

    @Test func postgresFormsKeepEveryPart() throws {
        let url = try ConnectionURL("postgresql+psycopg2://alice:s%40cret@db.example:6543/shop?sslmode=require")
        #expect(url.kind == .postgresql)
        #expect(url.user == "alice")
        #expect(url.password == "s@cret")
        #expect(url.host == "db.example")
        #expect(url.port == 6543)
        #expect(url.database == "shop")
        #expect(url.option("sslmode") == "require")
    }

    @Test func socketHostComesFromQuery() throws {
        let url = try ConnectionURL("postgresql://postgres@/moltres?host=/tmp/pg&port=5433")
        #expect(url.host == "/tmp/pg")
        #expect(url.port == 5433)
        #expect(url.database == "moltres")
        #expect(url.options.isEmpty)
    }

    @Test func descriptionNeverShowsThePassword() throws {
        let url = try ConnectionURL("postgresql://alice:hunter2@localhost/shop")
        #expect(!url.description.contains("hunter2"))
        #expect(url.description == "postgresql://alice:***@localhost/shop")
        #expect(!ConnectionURL.redact("postgresql://alice:hunter2@localhost/shop").contains("hunter2"))
    }

    @Test(arguments: [
        ("foo", "not a database URL"),
        ("mysql://u@h/db", "unsupported database 'mysql'"),
        ("postgresql://u:hunter2@h:99999/db", "port '99999'"),
        ("sqlite://host/x.db", "has a host part"),
    ])
    func badURLsNameTheProblem(text: String, fragment: String) {
        do {
            _ = try ConnectionURL(text)
            Issue.record("expected an error for \(text)")
        } catch let error as DatabaseError {
            #expect(error.kind == .invalidURL)
            #expect(error.message.contains(fragment), "\(error.message)")
            #expect(!error.description.contains("hunter2"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
