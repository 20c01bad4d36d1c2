# syntax=docker/dockerfile:1
# OssFunding.Worker container: `docker build -t ossfunding-worker .`
# Run:  docker run -d -p 8080:8080 -v ossfunding-data:/app/data \
#         -e Safe__Address=0x... -e Api__AdminToken=... ossfunding-worker
# Configuration is by environment (Section__Key); see docs/configuration.md.

# --- project files only, so the restore layer below changes only when a project file does ---
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS project-files
WORKDIR /src
COPY src/ src/
RUN find src -type f ! -name '*.csproj' -delete

# --- build ---
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY --from=project-files /src/src/ src/
RUN dotnet restore src/OssFunding.Worker/OssFunding.Worker.csproj
COPY appsettings.json ./
COPY src/ src/
RUN dotnet publish src/OssFunding.Worker/OssFunding.Worker.csproj -c Release -o /app --no-restore -p:UseAppHost=false

# --- runtime ---
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# Imports check text with the system ICU (NFC, UTS #39 confusable skeletons, character names:
# src/OssFunding.Core/Text/SystemIcu.cs). The .NET images ship libicu; install it should a base image not.
RUN ls /usr/lib/*-linux-gnu/libicui18n.so.* >/dev/null 2>&1 \
    || (apt-get update \
        && apt-get install -y --no-install-recommends "$(apt-cache search --names-only '^libicu[0-9]+$' | cut -d' ' -f1 | sort -V | tail -n1)" \
        && rm -rf /var/lib/apt/lists/*)
# The ledger (SQLite) lives on a volume owned by the image's non-root `app` user.
RUN mkdir -p /app/data && chown "$APP_UID" /app/data
VOLUME /app/data

# Defaults for the container; any of them can be overridden with -e.
# ASPNETCORE_HTTP_PORTS is cleared because the worker listens on Api:Urls.
ENV Api__Urls=http://0.0.0.0:8080 \
    Storage__Provider=Sqlite \
    Storage__ConnectionString="Data Source=/app/data/ossfunding.db" \
    Logging__Format=json \
    ASPNETCORE_HTTP_PORTS=
EXPOSE 8080

USER $APP_UID

# The binary checks itself: GET /health/live on the port of Api:Urls (no curl in the image).
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["dotnet", "/app/OssFunding.Worker.dll", "healthcheck"]

# SIGTERM (docker stop) lets the current step finish within 8 s, inside Docker's default 10 s grace period.
ENTRYPOINT ["dotnet", "/app/OssFunding.Worker.dll"]
CMD ["run"]
