package dev.rivulet.cli;

import java.io.File;
import java.io.Serializable;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Picks the overload of a static factory method that best fits the literal arguments of an
 * import string, and converts the literals to its parameter types.
 *
 * <p>A string fits {@code String}, {@code CharSequence}, {@code Path}, {@code File}, an enum (by
 * constant name) and a {@code char} (one character); a whole number fits every numeric type it
 * fits in; a decimal fits {@code double} and {@code float}; {@code null} fits any reference type.
 * Like Java, the closest fit wins ({@code 3} prefers {@code int} to {@code long}); when two
 * overloads fit equally well the call is ambiguous. A trailing varargs parameter takes the
 * remaining arguments.
 *
 * <pre>{@code
 * Method m = MethodMatcher.choose("com.example.Flows", "build", methods, args);
 * Object[] values = MethodMatcher.convert(m, args);
 * }</pre>
 */
public final class MethodMatcher {
    private static final int NO_FIT = -1;
    private static final int VARARGS_PENALTY = 100;

    private MethodMatcher() {
    }

    /**
     * The best-fitting method among {@code candidates} (all named {@code name}) for {@code args}.
     *
     * @throws FlowLoadException when none fits, or several fit equally well
     */
    public static Method choose(String owner, String name, List<Method> candidates, List<Literal> args) {
        List<Method> best = new ArrayList<>();
        int bestCost = Integer.MAX_VALUE;
        for (Method method : candidates) {
            int cost = cost(method, args);
            if (cost == NO_FIT) {
                continue;
            }
            if (cost < bestCost) {
                best.clear();
                bestCost = cost;
            }
            if (cost == bestCost) {
                best.add(method);
            }
        }
        String call = name + "(" + args.stream().map(Literal::text).collect(Collectors.joining(", ")) + ")";
        if (best.isEmpty()) {
            throw new FlowLoadException("no public static method " + name + " of " + owner
                    + " accepts " + call + "; it has: " + signatures(candidates)
                    + ". Pass arguments that match one of them (strings in double quotes, numbers,"
                    + " true/false, null).", null, true);
        }
        if (best.size() > 1) {
            throw new FlowLoadException(call + " fits several methods of " + owner + " equally well: "
                    + signatures(best) + ". Add a factory method with a distinct name or parameter"
                    + " types for the command line.", null, true);
        }
        return best.get(0);
    }

    /** {@code args} converted to {@code method}'s parameter types (varargs packed in an array). */
    public static Object[] convert(Method method, List<Literal> args) {
        Class<?>[] params = method.getParameterTypes();
        boolean packed = method.isVarArgs() && fixedCost(params, args) == NO_FIT;
        Object[] values = new Object[params.length];
        int fixed = packed ? params.length - 1 : params.length;
        for (int i = 0; i < fixed; i++) {
            values[i] = value(args.get(i), params[i]);
        }
        if (packed) {
            Class<?> component = params[params.length - 1].getComponentType();
            Object array = Array.newInstance(component, args.size() - fixed);
            for (int i = fixed; i < args.size(); i++) {
                Array.set(array, i - fixed, value(args.get(i), component));
            }
            values[fixed] = array;
        }
        return values;
    }

    /** {@code build(String, int)} for each method. */
    public static String signatures(List<Method> methods) {
        return methods.stream().map(MethodMatcher::signature).collect(Collectors.joining(", "));
    }

    /** {@code build(String, int)}. */
    public static String signature(Method method) {
        StringBuilder text = new StringBuilder(method.getName()).append('(');
        Class<?>[] params = method.getParameterTypes();
        for (int i = 0; i < params.length; i++) {
            boolean varargs = method.isVarArgs() && i == params.length - 1;
            text.append(i == 0 ? "" : ", ").append(varargs
                    ? params[i].getComponentType().getSimpleName() + "..." : params[i].getSimpleName());
        }
        return text.append(')').toString();
    }

    private static int cost(Method method, List<Literal> args) {
        Class<?>[] params = method.getParameterTypes();
        int fixed = fixedCost(params, args);
        if (fixed != NO_FIT || !method.isVarArgs() || args.size() < params.length - 1) {
            return fixed;
        }
        int total = VARARGS_PENALTY;
        for (int i = 0; i < args.size(); i++) {
            Class<?> type = i < params.length - 1 ? params[i] : params[params.length - 1].getComponentType();
            int c = fit(args.get(i), type);
            if (c == NO_FIT) {
                return NO_FIT;
            }
            total += c;
        }
        return total;
    }

    private static int fixedCost(Class<?>[] params, List<Literal> args) {
        if (params.length != args.size()) {
            return NO_FIT;
        }
        int total = 0;
        for (int i = 0; i < params.length; i++) {
            int c = fit(args.get(i), params[i]);
            if (c == NO_FIT) {
                return NO_FIT;
            }
            total += c;
        }
        return total;
    }

    private static boolean general(Class<?> type) {
        return type == Object.class || type == Serializable.class || type == Comparable.class;
    }

    /** How well {@code literal} fits {@code type}: 0 exact, larger is looser, -1 not at all. */
    private static int fit(Literal literal, Class<?> type) {
        Object v = literal.value();
        switch (literal.kind()) {
            case STRING: {
                String s = (String) v;
                if (type == String.class) {
                    return 0;
                }
                if (type == CharSequence.class || type == Path.class || type == File.class) {
                    return 1;
                }
                if ((type == char.class || type == Character.class) && s.length() == 1) {
                    return 2;
                }
                if (type.isEnum() && enumConstant(type, s) != null) {
                    return 1;
                }
                return general(type) ? 10 : NO_FIT;
            }
            case INT: {
                int i = (Integer) v;
                if (type == int.class) {
                    return 0;
                }
                if (type == Integer.class) {
                    return 1;
                }
                if ((type == short.class || type == Short.class) && i == (short) i) {
                    return 8;
                }
                if ((type == byte.class || type == Byte.class) && i == (byte) i) {
                    return 8;
                }
                return wholeNumberFit(type);
            }
            case LONG:
                return type == int.class || type == Integer.class ? NO_FIT : wholeNumberFit(type);
            case DOUBLE:
                if (type == double.class) {
                    return 0;
                }
                if (type == Double.class) {
                    return 1;
                }
                if (type == float.class) {
                    return 2;
                }
                if (type == Float.class) {
                    return 3;
                }
                return type == Number.class ? 9 : general(type) ? 10 : NO_FIT;
            case BOOLEAN:
                return type == boolean.class ? 0 : type == Boolean.class ? 1 : general(type) ? 10 : NO_FIT;
            case NULL:
                return type.isPrimitive() ? NO_FIT : 5;
            default:
                return NO_FIT;
        }
    }

    private static int wholeNumberFit(Class<?> type) {
        if (type == long.class) {
            return 2;
        }
        if (type == Long.class) {
            return 3;
        }
        if (type == double.class) {
            return 4;
        }
        if (type == Double.class) {
            return 5;
        }
        if (type == float.class) {
            return 6;
        }
        if (type == Float.class) {
            return 7;
        }
        return type == Number.class ? 9 : general(type) ? 10 : NO_FIT;
    }

    private static Object value(Literal literal, Class<?> type) {
        Object v = literal.value();
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            if (type == Path.class) {
                return Path.of(s);
            }
            if (type == File.class) {
                return new File(s);
            }
            if (type == char.class || type == Character.class) {
                return s.charAt(0);
            }
            if (type.isEnum()) {
                return enumConstant(type, s);
            }
            return s;
        }
        if (v instanceof Number n) {
            if (type == long.class || type == Long.class) {
                return n.longValue();
            }
            if (type == double.class || type == Double.class) {
                return n.doubleValue();
            }
            if (type == float.class || type == Float.class) {
                return n.floatValue();
            }
            if (type == short.class || type == Short.class) {
                return n.shortValue();
            }
            if (type == byte.class || type == Byte.class) {
                return n.byteValue();
            }
            return v;
        }
        return v;
    }

    private static Object enumConstant(Class<?> type, String name) {
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(name)) {
                return constant;
            }
        }
        return null;
    }
}
