package org.originrelay.commandapi;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "org.originrelay.commandapi", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule onlyMessagingCodeTouchesAmqp = noClasses()
            .that().resideOutsideOfPackage("..messaging..")
            .should().dependOnClassesThat().resideInAPackage("org.springframework.amqp..");

    @ArchTest
    static final ArchRule controllersDoNotUseRepositories = noClasses()
            .that().areAnnotatedWith(RestController.class)
            .should().dependOnClassesThat().resideInAnyPackage("..persistence..", "org.springframework.jdbc..");

    @ArchTest
    static final ArchRule theWebLayerKnowsNothingOfPersistence = noClasses()
            .that().resideInAPackage("..web..")
            .should().dependOnClassesThat().resideInAPackage("..persistence..");

    @ArchTest
    static final ArchRule theApplicationDoesNotDependOnItsAdapters = noClasses()
            .that().resideInAPackage("org.originrelay.commandapi.commands")
            .should().dependOnClassesThat().resideInAnyPackage("org.originrelay.commandapi.commands.web..",
                    "org.originrelay.commandapi.commands.messaging..");
}
