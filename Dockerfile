# syntax=docker/dockerfile:1
# The operator image: `iroperator` on the .NET runtime, as a non-root user, nothing else in the image.
# Build: docker build -t ir-operator:dev .     (docs/image.md: base images, size, start-up, memory)

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so a source change does not refetch packages.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Operator/IrOperator.csproj src/Operator/
COPY src/Schema/IrOperator.Schema.csproj src/Schema/
RUN dotnet restore src/Operator/IrOperator.csproj
COPY src/Operator/ src/Operator/
COPY src/Schema/ src/Schema/
COPY deploy/image/publish.sh deploy/image/
RUN sh deploy/image/publish.sh /out

# Chiseled Ubuntu: the ASP.NET Core runtime and its few native dependencies, no shell, no package manager,
# and a non-root user (app, uid 1654) as the default.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled
WORKDIR /app
COPY --from=build /out/ ./
# No diagnostics IPC socket: the root file system is read-only in the chart and nothing attaches to it.
ENV DOTNET_EnableDiagnostics=0
USER 1654:1654
EXPOSE 8081
ENTRYPOINT ["/app/iroperator"]
CMD ["run"]
