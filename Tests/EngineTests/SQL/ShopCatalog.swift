@testable import Moltres

/// The demo shop's schema (`DemoShop`), for golden SQL tests that need no database.
enum ShopCatalog {
    static let catalog: Catalog = {
        func column(_ name: String, _ type: String, nullable: Bool = false, key: Int? = nil) -> ColumnInfo {
            ColumnInfo(name: name, declaredType: type, isNullable: nullable, primaryKeyPosition: key)
        }
        return Catalog(
            kind: .sqlite, defaultSchema: "main",
            tables: [
                TableInfo(
                    name: "customers",
                    columns: [
                        column("id", "INTEGER", key: 1), column("name", "TEXT"),
                        column("email", "TEXT", nullable: true),
                        column("country", "TEXT"), column("active", "BOOLEAN"), column("created_at", "DATE"),
                    ], primaryKey: ["id"]),
                TableInfo(
                    name: "products",
                    columns: [
                        column("id", "INTEGER", key: 1), column("name", "TEXT"), column("category", "TEXT"),
                        column("price", "REAL"), column("stock", "INTEGER"),
                    ], primaryKey: ["id"]),
                TableInfo(
                    name: "orders",
                    columns: [
                        column("id", "INTEGER", key: 1), column("customer_id", "INTEGER"), column("status", "TEXT"),
                        column("amount", "REAL"), column("ordered_at", "TIMESTAMP"),
                    ], primaryKey: ["id"]),
                TableInfo(
                    name: "order_items",
                    columns: [
                        column("order_id", "INTEGER", key: 1), column("product_id", "INTEGER", key: 2),
                        column("quantity", "INTEGER"), column("unit_price", "REAL"),
                    ], primaryKey: ["order_id", "product_id"]),
            ])
    }()
}
