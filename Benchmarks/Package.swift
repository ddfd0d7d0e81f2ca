// swift-tools-version: 6.1
// Benchmarks live in their own package so the main build and CI never compile them.
import PackageDescription

let package = Package(
    name: "MaitreBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "Maitre", path: "..")],
    targets: [
        .executableTarget(
            name: "maitre-bench",
            dependencies: [
                .product(name: "MILP", package: "Maitre"),
                .product(name: "Seating", package: "Maitre"),
                .product(name: "SeatingService", package: "Maitre"),
                .product(name: "SeatingStore", package: "Maitre"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
