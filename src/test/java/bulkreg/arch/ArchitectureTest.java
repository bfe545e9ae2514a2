package bulkreg.arch;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Dependencies point inward: fronts and store depend on the core; the core on nothing but the JDK. */
@AnalyzeClasses(packages = "bulkreg", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreUsesOnlyTheJdk = classes().that().resideInAPackage("bulkreg.core..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("bulkreg.core..", "java..");

    @ArchTest
    static final ArchRule frontsDoNotKnowTheStoreOrEachOther = noClasses().that().resideInAPackage("bulkreg.rest..")
            .should().dependOnClassesThat().resideInAnyPackage("bulkreg.store..", "bulkreg.app..",
                    "bulkreg.graphql..", "bulkreg.grpc..");

    /** The gRPC front and its generated code ({@code bulkreg.grpc.v1}) see only the core. */
    @ArchTest
    static final ArchRule grpcFrontDoesNotKnowTheStoreOrOtherFronts = noClasses().that().resideInAPackage("bulkreg.grpc..")
            .should().dependOnClassesThat().resideInAnyPackage("bulkreg.store..", "bulkreg.app..",
                    "bulkreg.graphql..", "bulkreg.rest..");

    @ArchTest
    static final ArchRule graphQlKnowsNeitherTheStoreNorTheOtherFronts = noClasses().that()
            .resideInAPackage("bulkreg.graphql..")
            .should().dependOnClassesThat().resideInAnyPackage("bulkreg.store..", "bulkreg.app..",
                    "bulkreg.rest..", "bulkreg.grpc..");

    @ArchTest
    static final ArchRule storeDoesNotKnowTheFronts = noClasses().that().resideInAPackage("bulkreg.store..")
            .should().dependOnClassesThat().resideInAnyPackage("bulkreg.rest..", "bulkreg.app..",
                    "bulkreg.graphql..", "bulkreg.grpc..");

    @ArchTest
    static final ArchRule onlyTheAppWiresTheGraph = noClasses().that().resideOutsideOfPackages("bulkreg.app..", "bulkreg")
            .should().dependOnClassesThat().resideInAPackage("bulkreg.app..");
}
