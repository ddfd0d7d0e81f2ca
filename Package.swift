// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Maitre",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "maitre", targets: ["maitre"]),
        .library(name: "MaitreJSON", targets: ["MaitreJSON"]),
        .library(name: "MILP", targets: ["MILP"]),
        .library(name: "Seating", targets: ["Seating"]),
        .library(name: "SeatingRender", targets: ["SeatingRender"]),
        .library(name: "SeatingService", targets: ["SeatingService"]),
        .library(name: "SeatingStore", targets: ["SeatingStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.8.1"),
        // The simulator's event queue (HeapModule only: one small module to build).
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGLPK",
            providers: [.apt(["libglpk-dev"])]
        ),
        .systemLibrary(
            name: "CLibPQ",
            providers: [.apt(["libpq-dev"])]
        ),
        .target(name: "MILP", dependencies: ["CGLPK"]),
        .target(name: "MaitreJSON"),
        .target(name: "Seating", dependencies: ["MILP", .product(name: "HeapModule", package: "swift-collections")]),
        .target(name: "SeatingRender", dependencies: ["Seating"]),
        .target(
            name: "SeatingStore", dependencies: ["Seating", "MaitreJSON", "CLibPQ", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "SeatingService",
            dependencies: [
                "Seating", "SeatingStore", "SeatingRender", "MaitreJSON", .product(name: "Logging", package: "swift-log"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .executableTarget(
            name: "maitre",
            dependencies: [
                "SeatingService", "SeatingStore", "SeatingRender", "Seating", "MILP", "MaitreJSON",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "MILPTests", dependencies: ["MILP"]),
        .testTarget(
            name: "SeatingTests",
            dependencies: ["Seating", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "MaitreJSONTests", dependencies: ["MaitreJSON"]),
        .testTarget(name: "SeatingRenderTests", dependencies: ["SeatingRender", "Seating"]),
        .target(name: "PostgresTestSupport", path: "Tests/PostgresTestSupport"),
        .testTarget(
            name: "SeatingStoreTests",
            dependencies: ["SeatingStore", "MaitreJSON", "PostgresTestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "SeatingServiceTests",
            dependencies: [
                "SeatingService", "MaitreJSON", .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "MaitreEndToEndTests",
            dependencies: ["maitre", "SeatingService", "MaitreJSON", "PostgresTestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
