package dev.rivulet.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * Resolves Maven coordinates with their run-time dependencies through Maven Resolver, into the
 * user's local repository ({@code ~/.m2/repository}), from Maven Central or the repository in
 * {@code RIVULET_MAVEN_REPO}.
 */
final class MavenResolver {

    static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

    private MavenResolver() {
    }

    /** The jars of {@code coordinates} ({@code group:artifact:version}) and their dependencies. */
    static List<Path> resolve(List<String> coordinates) throws DependencyResolutionException {
        RepositorySystem system = new RepositorySystemSupplier().get();
        try {
            DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
            Path local = Path.of(System.getProperty("user.home"), ".m2", "repository");
            session.setLocalRepositoryManager(system.newLocalRepositoryManager(session, new LocalRepository(local.toFile())));
            String url = System.getenv().getOrDefault("RIVULET_MAVEN_REPO", CENTRAL);
            RemoteRepository remote = new RemoteRepository.Builder("central", "default", url).build();
            CollectRequest collect = new CollectRequest();
            for (String coordinate : coordinates) {
                try {
                    collect.addDependency(new Dependency(new DefaultArtifact(coordinate), JavaScopes.RUNTIME));
                } catch (IllegalArgumentException bad) {
                    throw new dev.rivulet.notebook.MagicUsageException("%maven: '" + coordinate
                            + "' is not group:artifact:version (for example org.apache.commons:commons-math3:3.6.1)");
                }
            }
            collect.setRepositories(List.of(remote));
            DependencyRequest request = new DependencyRequest(collect,
                    DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
            List<Path> jars = new ArrayList<>();
            for (ArtifactResult result : system.resolveDependencies(session, request).getArtifactResults()) {
                jars.add(result.getArtifact().getFile().toPath());
            }
            return jars;
        } finally {
            system.shutdown();
        }
    }
}
