package dev.rivulet.notebook.jjava;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The JJava host's cell-class path against jjava-jupyter 1.0-a6's {@code BaseKernel}, with a
 * loader delegate laid out as JJava 1.0-a6's {@code JJavaLoaderDelegate} is (JJava's kernel jar is
 * not on Maven Central): class bytes in a private {@code declaredClasses} map, a class loader that
 * is an inner class of the delegate and serves no class files as resources.
 */
class JJavaCellClassesTest {

    /** Shaped like {@code org.dflib.jjava.kernel.execution.JJavaLoaderDelegate} 1.0-a6. */
    static final class LoaderDelegate {
        private final Map<String, byte[]> declaredClasses = new ConcurrentHashMap<>();
        final JJavaClassLoader classLoader = new JJavaClassLoader();

        void load(String name, byte[] bytes) {
            declaredClasses.put(name, bytes);
        }

        void unloadClass(String name) {
            declaredClasses.remove(name);
        }

        final class JJavaClassLoader extends URLClassLoader {
            JJavaClassLoader() {
                super(new URL[0], JJavaCellClassesTest.class.getClassLoader());
            }

            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] data = declaredClasses.get(name);
                if (data == null) {
                    return super.findClass(name);
                }
                return defineClass(name, data, 0, data.length);
            }
        }
    }

    /** A JJava kernel whose notebook loader is the delegate's, as {@code JavaKernel.getClassLoader()} is. */
    static final class KernelWithDelegate extends JJavaExtensionTest.MinimalJJavaKernel {
        final LoaderDelegate delegate = new LoaderDelegate();

        @Override
        protected ClassLoader getClassLoader() {
            return delegate.classLoader;
        }
    }

    @Test
    void cellClassBytesComeFromTheLoaderDelegatesDeclaredClasses() {
        KernelWithDelegate kernel = new KernelWithDelegate();
        byte[] cell = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 1};
        kernel.delegate.load("REPL.$JShell$22", cell);
        JJavaExtension.Host host = new JJavaExtension.Host(kernel);

        // the resource route (IJava's, the bundled kernel's) finds nothing in JJava
        assertThat(kernel.delegate.classLoader.getResource("REPL/$JShell$22.class")).isNull();
        assertThat(host.notebookClassLoader()).isSameAs(kernel.delegate.classLoader);
        assertThat(host.cellClassBytes("REPL.$JShell$22")).isEqualTo(cell);
        assertThat(host.cellClassBytes("REPL.$JShell$99")).isNull();
    }

    @Test
    void aClassSeenOnceStillShipsAfterJJavaDropsIt() {
        KernelWithDelegate kernel = new KernelWithDelegate();
        JJavaExtension.Host host = new JJavaExtension.Host(kernel);
        byte[] first = {1, 2, 3};
        kernel.delegate.load("REPL.$JShell$12", first);
        assertThat(host.cellClassBytes("REPL.$JShell$12")).isEqualTo(first);

        kernel.delegate.unloadClass("REPL.$JShell$12"); // what JJava does when a snippet is dropped
        kernel.delegate.load("REPL.$JShell$13", new byte[] {4});

        assertThat(host.cellClassBytes("REPL.$JShell$12")).isEqualTo(first);
        assertThat(host.cellClassBytes("REPL.$JShell$13")).containsExactly(4);
    }

    @Test
    void aKernelWithoutTheDelegateFallsBackToResources() {
        JJavaExtension.Host host = new JJavaExtension.Host(new JJavaExtensionTest.MinimalJJavaKernel());
        String self = JJavaCellClassesTest.class.getName();
        assertThat(host.cellClassBytes(self)).isNotEmpty(); // the context loader serves test classes
    }
}
