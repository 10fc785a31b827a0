# One image per runnable module: docker build --build-arg MODULE=validator .
# The build stage does not depend on MODULE, so docker compose builds the code once for all services.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B --no-transfer-progress install -DskipTests

FROM eclipse-temurin:21-jre
ARG MODULE
WORKDIR /app
COPY --from=build /src/${MODULE}/target/${MODULE}-*-exec.jar /app/app.jar
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
