package io.cutover.shell;

import io.cutover.inventory.Fqdn;
import io.cutover.inventory.SipAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One cmdlet invocation: a name and its parameters, in order. Values are data: they are written
 * only through {@link PowerShell}, never spliced into source.
 */
public record Cmdlet(String name, List<Param> params) {
    private static final Pattern NAME = Pattern.compile("[A-Z][a-z]+-[A-Za-z][A-Za-z0-9]*");
    private static final Pattern PARAM = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

    public Cmdlet {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a cmdlet name: " + name);
        }
        params = List.copyOf(params);
        for (Param p : params) {
            if (!PARAM.matcher(p.name()).matches()) {
                throw new IllegalArgumentException("not a parameter name: " + p.name());
            }
        }
    }

    public static Cmdlet of(String name) {
        return new Cmdlet(name, List.of());
    }

    /** A string parameter. */
    public Cmdlet with(String param, String value) {
        return add(new Param.Text(param, value));
    }

    /** A named parameter whose value is an FQDN, as spelled. */
    public Cmdlet with(String param, Fqdn value) {
        return with(param, value == null ? null : value.text());
    }

    /** A named parameter whose value is a SIP address, as spelled. */
    public Cmdlet with(String param, SipAddress value) {
        return with(param, value == null ? null : value.text());
    }

    /** A switch parameter, present ({@code -Graceful}). */
    public Cmdlet flag(String param) {
        return add(new Param.Flag(param));
    }

    /** A switch parameter with an explicit value ({@code -Confirm:$false}). */
    public Cmdlet flag(String param, boolean value) {
        return add(new Param.Switch(param, value));
    }

    /**
     * A parameter whose value is a property of another cmdlet's output, read when the statement
     * runs: {@code -TargetFqdn (Get-CsUser -Identity 'sip:a@b').RegistrarPool}. With a null
     * property, the output itself.
     */
    public Cmdlet with(String param, Cmdlet command, String property) {
        return add(new Param.Member(param, command, property));
    }

    public Cmdlet number(String param, int value) {
        return add(new Param.Number(param, value));
    }

    private Cmdlet add(Param p) {
        List<Param> ps = new ArrayList<>(params);
        ps.add(p);
        return new Cmdlet(name, ps);
    }

    public String render(Encoding encoding) {
        StringBuilder sb = new StringBuilder(name);
        for (Param p : params) {
            sb.append(' ');
            if (p instanceof Param.Text t) {
                sb.append('-').append(t.name()).append(' ').append(encoding.value(t.value()));
            } else if (p instanceof Param.Flag f) {
                sb.append('-').append(f.name());
            } else if (p instanceof Param.Switch s) {
                sb.append('-').append(s.name()).append(s.value() ? ":$true" : ":$false");
            } else if (p instanceof Param.Number n) {
                sb.append('-').append(n.name()).append(' ').append(n.value());
            } else if (p instanceof Param.Member m) {
                sb.append('-')
                        .append(m.name())
                        .append(" (")
                        .append(m.command().render(encoding))
                        .append(')');
                if (m.property() != null) {
                    sb.append('.').append(m.property());
                }
            }
        }
        return sb.toString();
    }

    /** One parameter of a cmdlet. */
    public sealed interface Param {
        String name();

        record Text(String name, String value) implements Param {
            public Text {
                if (value == null) {
                    throw new IllegalArgumentException("parameter -" + name + " has no value");
                }
            }
        }

        record Flag(String name) implements Param {}

        record Switch(String name, boolean value) implements Param {}

        record Number(String name, int value) implements Param {}

        /** The value of {@code property} of what {@code command} writes (the output itself when property is null). */
        record Member(String name, Cmdlet command, String property) implements Param {
            public Member {
                if (property != null && !PARAM.matcher(property).matches()) {
                    throw new IllegalArgumentException("not a property name: " + property);
                }
            }
        }
    }
}
