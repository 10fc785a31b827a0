# syntax=docker/dockerfile:1
# One image per runnable module: docker build --build-arg MODULE=validator .   (default: command-api)
# The build stages do not depend on MODULE, so docker compose builds the code once for all services; the
# dependencies are resolved in a layer of their own (only the poms), so a code change does not download
# them again, and the local repository is a build cache shared by all builds.
FROM eclipse-temurin:21-jdk AS dependencies
WORKDIR /src
COPY mvnw ./
COPY .mvn .mvn
COPY pom.xml ./
COPY certificate-contracts/pom.xml certificate-contracts/
COPY certificate-views/pom.xml certificate-views/
COPY messaging-kit/pom.xml messaging-kit/
COPY web-security/pom.xml web-security/
COPY observability/pom.xml observability/
COPY registry-protocol/pom.xml registry-protocol/
COPY registry-simulator/pom.xml registry-simulator/
COPY test-support/pom.xml test-support/
COPY command-api/pom.xml command-api/
COPY validator/pom.xml validator/
COPY registry-connector/pom.xml registry-connector/
COPY certificates-projection/pom.xml certificates-projection/
COPY provisioning-bridge/pom.xml provisioning-bridge/
COPY end-to-end-tests/pom.xml end-to-end-tests/
COPY benchmark/pom.xml benchmark/
# Best effort: go-offline cannot resolve every plugin dependency ahead of time; what it misses the build
# below downloads into the same cache.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B --no-transfer-progress dependency:go-offline -DexcludeReactor=true || true

FROM dependencies AS build
COPY . .
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B --no-transfer-progress package -DskipTests

FROM eclipse-temurin:21-jre AS runtime
ARG MODULE=command-api
RUN groupadd --system --gid 10001 relay && useradd --system --uid 10001 --gid relay --home-dir /app relay
WORKDIR /app
COPY --from=build /src/${MODULE}/target/${MODULE}-*-exec.jar /app/app.jar
COPY deploy/container/healthcheck /app/healthcheck
# The port the healthcheck asks (each service's default; set HEALTH_PORT when you change it).
RUN case "${MODULE}" in \
      command-api) echo 8080 ;; certificates-projection) echo 8081 ;; validator) echo 8082 ;; \
      registry-connector) echo 8083 ;; provisioning-bridge) echo 8084 ;; registry-simulator) echo 9090 ;; \
      *) echo "unknown MODULE ${MODULE}" >&2; exit 1 ;; \
    esac > /app/health-port \
 && if [ "${MODULE}" = registry-simulator ]; then echo tcp; else echo http; fi > /app/health-mode \
 && chmod 0555 /app/healthcheck && chmod 0444 /app/app.jar /app/health-port /app/health-mode
USER relay:relay
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=6 CMD ["/app/healthcheck"]
# exec form: the JVM is PID 1 and gets SIGTERM, so Spring shuts down gracefully.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
