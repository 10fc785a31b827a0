package org.originrelay.contracts.domain;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The rules are plain Java, so both services (and any subscriber) can use them without our stack. */
@AnalyzeClasses(packages = "org.originrelay.contracts", importOptions = ImportOption.DoNotIncludeTests.class)
class DomainIsFreeOfFrameworksTest {

    @ArchTest
    static final ArchRule domainUsesNoFrameworkOrTransport = noClasses()
            .that().resideInAPackage("org.originrelay.contracts.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..",
                    "com.rabbitmq..", "io.grpc..", "io.nats..", "tools.jackson..", "com.fasterxml..");

    // The events are built on the domain, not the other way round; anything else would be a new library.
    @ArchTest
    static final ArchRule domainNeedsOnlyTheJdk = classes()
            .that().resideInAPackage("org.originrelay.contracts.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.originrelay.contracts.domain..");
}
