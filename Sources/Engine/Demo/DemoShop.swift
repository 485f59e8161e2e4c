/// The demo shop database: customers, products, orders and order items, with a view.
///
/// The data is generated from a fixed seed, so every run on every database yields the same rows;
/// the examples, the quick start and the cross-database tests rely on that.
public enum DemoShop {
    /// The tables the demo creates, in dependency order.
    public static let tableNames = ["customers", "products", "orders", "order_items"]

    /// Creates the demo tables, view and indexes on `connection` and fills them, in one transaction.
    ///
    /// - Parameter replace: drop existing demo objects first; without it, existing tables make this fail.
    /// - Returns: the number of rows inserted per table.
    @discardableResult
    public static func create(on connection: any DatabaseConnection, replace: Bool = false) throws -> [String: Int] {
        let real = connection.kind == .postgresql ? "DOUBLE PRECISION" : "REAL"
        let data = generate()
        return try connection.transaction {
            if replace {
                try connection.execute("DROP VIEW IF EXISTS active_customers")
                for table in tableNames.reversed() { try connection.execute("DROP TABLE IF EXISTS \(table)") }
            }
            try connection.execute(
                """
                CREATE TABLE customers (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    email TEXT,
                    country TEXT NOT NULL,
                    active BOOLEAN NOT NULL DEFAULT TRUE,
                    created_at DATE NOT NULL
                )
                """)
            try connection.execute(
                """
                CREATE TABLE products (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    category TEXT NOT NULL,
                    price \(real) NOT NULL,
                    stock INTEGER NOT NULL
                )
                """)
            try connection.execute(
                """
                CREATE TABLE orders (
                    id INTEGER PRIMARY KEY,
                    customer_id INTEGER NOT NULL REFERENCES customers (id),
                    status TEXT NOT NULL,
                    amount \(real) NOT NULL,
                    ordered_at TIMESTAMP NOT NULL
                )
                """)
            try connection.execute(
                """
                CREATE TABLE order_items (
                    order_id INTEGER NOT NULL REFERENCES orders (id),
                    product_id INTEGER NOT NULL REFERENCES products (id),
                    quantity INTEGER NOT NULL,
                    unit_price \(real) NOT NULL,
                    PRIMARY KEY (order_id, product_id)
                )
                """)
            try connection.execute("CREATE INDEX orders_customer_id ON orders (customer_id)")
            try connection.execute("CREATE INDEX orders_status ON orders (status)")
            try connection.execute(
                "CREATE VIEW active_customers AS SELECT id, name, email, country FROM customers WHERE active")
            var counts: [String: Int] = [:]
            counts["customers"] = try insert(
                into: "customers", columns: ["id", "name", "email", "country", "active", "created_at"],
                rows: data.customers, on: connection)
            counts["products"] = try insert(
                into: "products", columns: ["id", "name", "category", "price", "stock"], rows: data.products,
                on: connection)
            counts["orders"] = try insert(
                into: "orders", columns: ["id", "customer_id", "status", "amount", "ordered_at"], rows: data.orders,
                on: connection)
            counts["order_items"] = try insert(
                into: "order_items", columns: ["order_id", "product_id", "quantity", "unit_price"],
                rows: data.orderItems, on: connection)
            return counts
        }
    }

    private static func insert(
        into table: String, columns: [String], rows: [[DatabaseValue]], on connection: any DatabaseConnection
    ) throws -> Int {
        let batchSize = 100
        var inserted = 0
        var start = 0
        while start < rows.count {
            let batch = rows[start..<min(start + batchSize, rows.count)]
            var placeholders: [String] = []
            var parameters: [DatabaseValue] = []
            for row in batch {
                var marks: [String] = []
                for value in row {
                    parameters.append(value)
                    marks.append(connection.kind == .postgresql ? "$\(parameters.count)" : "?")
                }
                placeholders.append("(" + marks.joined(separator: ", ") + ")")
            }
            let sql =
                "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                + placeholders.joined(separator: ", ")
            inserted += try connection.execute(sql, parameters: parameters)
            start += batchSize
        }
        return inserted
    }

    struct Data {
        var customers: [[DatabaseValue]] = []
        var products: [[DatabaseValue]] = []
        var orders: [[DatabaseValue]] = []
        var orderItems: [[DatabaseValue]] = []
    }

    /// A small, fixed pseudo-random generator (64-bit LCG), so the data never depends on the platform.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    static func generate() -> Data {
        var random = Generator(state: 20_240_101)
        var data = Data()
        let firstNames = [
            "Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Margaret", "Dennis", "Radia",
            "Linus", "Anita", "Guido", "Sophie", "José", "Zoë", "Björn", "Chloé", "Łukasz",
        ]
        let lastNames = [
            "Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Hamilton", "Ritchie",
            "Perlman", "Torvalds", "Borg", "van Rossum", "Wilson", "García", "Østergaard", "Nakamura",
        ]
        let countries = ["US", "DE", "FR", "JP", "BR", "IN", "GB", "NL"]
        for id in 1...60 {
            let first = firstNames[random.next(firstNames.count)]
            let last = lastNames[random.next(lastNames.count)]
            let email: DatabaseValue =
                random.next(8) == 0
                ? .null : .text("\(first.lowercased()).\(id)@example.com")
            let month = 1 + random.next(12)
            let day = 1 + random.next(28)
            data.customers.append([
                .integer(Int64(id)), .text("\(first) \(last)"), email, .text(countries[random.next(countries.count)]),
                .boolean(random.next(6) != 0), .text("2023-\(pad(month))-\(pad(day))"),
            ])
        }
        let catalogue: [(String, String)] = [
            ("Keyboard", "hardware"), ("Mouse", "hardware"), ("Monitor", "hardware"), ("Laptop stand", "hardware"),
            ("USB-C cable", "accessories"), ("Webcam", "hardware"), ("Headphones", "audio"), ("Speaker", "audio"),
            ("Microphone", "audio"), ("Desk lamp", "office"), ("Notebook", "office"), ("Pen set", "office"),
            ("Backpack", "accessories"), ("Phone case", "accessories"), ("Charger", "accessories"),
            ("SSD 1TB", "storage"), ("SD card", "storage"), ("External drive", "storage"), ("Router", "network"),
            ("Switch", "network"), ("Ethernet cable", "network"), ("Graphics tablet", "hardware"),
            ("Ergonomic chair", "office"), ("Standing desk", "office"),
        ]
        for (index, product) in catalogue.enumerated() {
            let cents = 499 + random.next(40_000)
            data.products.append([
                .integer(Int64(index + 1)), .text(product.0), .text(product.1), .real(Double(cents) / 100),
                .integer(Int64(random.next(200))),
            ])
        }
        let statuses = ["pending", "paid", "shipped", "delivered", "cancelled"]
        for id in 1...400 {
            let customer = 1 + random.next(60)
            var amount = 0.0
            var used: Set<Int> = []
            for _ in 0..<(1 + random.next(4)) {
                let product = 1 + random.next(catalogue.count)
                guard used.insert(product).inserted else { continue }
                let quantity = 1 + random.next(3)
                guard case .real(let price) = data.products[product - 1][3] else { continue }
                amount += price * Double(quantity)
                data.orderItems.append([
                    .integer(Int64(id)), .integer(Int64(product)), .integer(Int64(quantity)), .real(price),
                ])
            }
            let month = 1 + random.next(12)
            let day = 1 + random.next(28)
            let hour = random.next(24)
            let minute = random.next(60)
            data.orders.append([
                .integer(Int64(id)), .integer(Int64(customer)), .text(statuses[random.next(statuses.count)]),
                .real((amount * 100).rounded() / 100),
                .text("2024-\(pad(month))-\(pad(day)) \(pad(hour)):\(pad(minute)):00"),
            ])
        }
        return data
    }

    private static func pad(_ value: Int) -> String {
        value < 10 ? "0\(value)" : String(value)
    }
}
