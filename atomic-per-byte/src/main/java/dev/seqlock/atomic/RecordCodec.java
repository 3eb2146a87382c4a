package dev.seqlock.atomic;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * The codec {@link ByteCodecs#ofRecord} derives: a record's components in declaration order, packed.
 * Accessors and the canonical constructor are called through method handles typed per component, so
 * encoding a primitive component boxes nothing.
 */
final class RecordCodec<R extends Record> implements ByteCodec<R> {
  private final Class<R> type;
  private final Component[] components;
  private final MethodHandle constructor; // (Object[])Object, spread over the components
  private final int byteSize;

  private RecordCodec(Class<R> type, Component[] components, MethodHandle constructor, int byteSize) {
    this.type = type;
    this.components = components;
    this.constructor = constructor;
    this.byteSize = byteSize;
  }

  static <R extends Record> RecordCodec<R> derive(Class<R> type, MethodHandles.@Nullable Lookup lookup) {
    return derive(type, lookup, new LinkedHashSet<>());
  }

  private static <R extends Record> RecordCodec<R> derive(
      Class<R> type, MethodHandles.@Nullable Lookup lookup, Set<Class<?>> enclosing) {
    if (!type.isRecord()) {
      throw new IllegalArgumentException(type.getName() + " is not a record class");
    }
    if (!enclosing.add(type)) {
      throw new IllegalArgumentException(
          "record " + type.getName() + " contains itself through " + enclosing);
    }
    MethodHandles.Lookup access = access(type, lookup);
    RecordComponent[] declared = type.getRecordComponents();
    Component[] components = new Component[declared.length];
    Class<?>[] parameterTypes = new Class<?>[declared.length];
    int offset = 0;
    for (int i = 0; i < declared.length; i++) {
      RecordComponent component = declared[i];
      parameterTypes[i] = component.getType();
      components[i] = component(type, component, offset, access, lookup, enclosing);
      offset = Math.addExact(offset, components[i].size);
    }
    enclosing.remove(type);
    MethodHandle constructor;
    try {
      constructor =
          access
              .findConstructor(type, MethodType.methodType(void.class, parameterTypes))
              .asType(MethodType.genericMethodType(declared.length))
              .asSpreader(Object[].class, declared.length);
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(
          "the canonical constructor of record " + type.getName() + " is not accessible: " + e, e);
    }
    return new RecordCodec<>(type, components, constructor, offset);
  }

  private static MethodHandles.Lookup access(Class<?> type, MethodHandles.@Nullable Lookup lookup) {
    if (lookup != null) {
      return lookup;
    }
    try {
      RecordCodec.class.getModule().addReads(type.getModule());
      return MethodHandles.privateLookupIn(type, MethodHandles.lookup());
    } catch (IllegalAccessException e) {
      throw new IllegalArgumentException(
          "record " + type.getName() + " is not accessible to module dev.seqlock.atomic: open its"
              + " package to dev.seqlock.atomic or use ByteCodecs.ofRecord(Class, Lookup)",
          e);
    }
  }

  private static Component component(
      Class<?> owner,
      RecordComponent component,
      int offset,
      MethodHandles.Lookup access,
      MethodHandles.@Nullable Lookup lookup,
      Set<Class<?>> enclosing) {
    Class<?> type = component.getType();
    String ownerName = owner.getSimpleName();
    String simpleName = component.getName();
    String name = ownerName + "." + simpleName;
    MethodHandle getter;
    try {
      getter = access.unreflect(component.getAccessor());
    } catch (IllegalAccessException e) {
      throw new IllegalArgumentException("accessor of " + name + " is not accessible: " + e, e);
    }
    if (type.isPrimitive()) {
      return new Primitive(
          ownerName, simpleName, offset, type, getter.asType(MethodType.methodType(type, Object.class)));
    }
    MethodHandle objectGetter = getter.asType(MethodType.methodType(Object.class, Object.class));
    if (type.isEnum()) {
      return new EnumOrdinal(ownerName, simpleName, offset, type, objectGetter);
    }
    if (type.isRecord()) {
      RecordCodec<?> nested = derive(type.asSubclass(Record.class), lookup, enclosing);
      return new Nested(ownerName, simpleName, offset, nested, objectGetter);
    }
    throw new IllegalArgumentException(
        "record component " + name + " has type " + type.getTypeName()
            + "; only primitives, enums and records are supported");
  }

  @Override
  public int byteSize() {
    return byteSize;
  }

  @Override
  public void encode(R value, ByteImage target, int offset) {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(target, "target");
    Objects.checkFromIndexSize(offset, byteSize, target.byteSize());
    encodeChecked(value, target, offset);
  }

  private void encodeChecked(Object value, ByteImage target, int offset) {
    for (Component component : components) {
      component.encode(value, target, offset + component.offset);
    }
  }

  @Override
  public R decode(ByteImage source, int offset) {
    Objects.requireNonNull(source, "source");
    Objects.checkFromIndexSize(offset, byteSize, source.byteSize());
    return type.cast(decodeChecked(source, offset));
  }

  private Object decodeChecked(ByteImage source, int offset) {
    Object[] arguments = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      arguments[i] = components[i].decode(source, offset + components[i].offset);
    }
    try {
      return (Object) constructor.invokeExact(arguments);
    } catch (Throwable e) {
      throw rethrow(e);
    }
  }

  /**
   * The offset of the component at {@code path} (names joined by dots, one per level of nesting) in
   * this layout; see {@link ByteCodecs#offsetOf}.
   */
  int offsetOf(String path) {
    String[] names = path.split("\\.", -1);
    for (String name : names) {
      if (name.isEmpty()) {
        throw new IllegalArgumentException("component \"" + path + "\" has an empty name: it must be"
            + " a component's name, or names of nested components joined by single dots");
      }
    }
    RecordCodec<?> codec = this;
    int offset = 0;
    for (int i = 0; ; i++) {
      Component component = codec.component(names[i], path);
      offset += component.offset;
      if (i == names.length - 1) {
        return offset;
      }
      if (!(component instanceof Nested nested)) {
        throw new IllegalArgumentException("component \"" + path + "\": " + component.name
            + " is not a record, so it has no component \"" + names[i + 1] + "\"");
      }
      codec = nested.codec;
    }
  }

  private Component component(String name, String path) {
    for (Component component : components) {
      if (component.simpleName.equals(name)) {
        return component;
      }
    }
    StringJoiner names = new StringJoiner(", ", "its components: ", "").setEmptyValue("it has none");
    for (Component component : components) {
      names.add(component.simpleName);
    }
    throw new IllegalArgumentException("component \"" + path + "\": record " + type.getSimpleName()
        + " has no component \"" + name + "\" (" + names + ")");
  }

  /**
   * The components in order, each as name, type and offset: {@code (bid long @0, side enum{BUY,SELL}
   * u8 @16, ...)}. The record's own name is left out, so a reader's copy of the record in another
   * package still matches; a component renamed, retyped, moved or an enum constant added changes it.
   */
  @Override
  public String layout() {
    StringJoiner parts = new StringJoiner(", ", "(", ")");
    for (Component component : components) {
      parts.add(component.simpleName + " " + component.layout() + " @" + component.offset);
    }
    return parts.toString();
  }

  @Override
  public String toString() {
    return "record " + type.getSimpleName() + "[" + byteSize + " bytes]";
  }

  /** Accessors and constructors declare no checked exceptions; pass unchecked ones through. */
  private static RuntimeException rethrow(Throwable e) {
    if (e instanceof RuntimeException unchecked) {
      throw unchecked;
    }
    if (e instanceof Error error) {
      throw error;
    }
    throw new IllegalStateException("record accessor or constructor threw " + e, e);
  }

  /** One component: where it lives and how to write and read it. */
  /** The longest list of an enum's constant names {@link #layout()} spells out. */
  private static final int MAX_ENUM_LAYOUT = 1024;

  private abstract static class Component {
    final String name; // Owner.component, for messages
    final String simpleName; // component, for offsetOf
    final int offset;
    final int size;

    Component(String owner, String simpleName, int offset, int size) {
      this.name = owner + "." + simpleName;
      this.simpleName = simpleName;
      this.offset = offset;
      this.size = size;
    }

    abstract void encode(Object record, ByteImage target, int at);

    abstract Object decode(ByteImage source, int at);

    /** The component's type as {@link RecordCodec#layout()} describes it. */
    abstract String layout();
  }

  /** A primitive component, read through a getter typed {@code (Object)p}: no boxing on encode. */
  private static final class Primitive extends Component {
    private final Class<?> type;
    private final MethodHandle getter;

    Primitive(String owner, String simpleName, int offset, Class<?> type, MethodHandle getter) {
      super(owner, simpleName, offset, sizeOf(type));
      this.type = type;
      this.getter = getter;
    }

    @Override
    String layout() {
      return type.getName(); // "long", "boolean", ...
    }

    private static int sizeOf(Class<?> type) {
      if (type == boolean.class || type == byte.class) {
        return 1;
      } else if (type == short.class || type == char.class) {
        return 2;
      } else if (type == int.class || type == float.class) {
        return 4;
      }
      return 8; // long, double
    }

    @Override
    void encode(Object record, ByteImage target, int at) {
      try {
        if (type == long.class) {
          target.putLong(at, (long) getter.invokeExact(record));
        } else if (type == int.class) {
          target.putInt(at, (int) getter.invokeExact(record));
        } else if (type == double.class) {
          target.putDouble(at, (double) getter.invokeExact(record));
        } else if (type == float.class) {
          target.putFloat(at, (float) getter.invokeExact(record));
        } else if (type == short.class) {
          target.putShort(at, (short) getter.invokeExact(record));
        } else if (type == char.class) {
          target.putChar(at, (char) getter.invokeExact(record));
        } else if (type == byte.class) {
          target.putByte(at, (byte) getter.invokeExact(record));
        } else {
          target.putBoolean(at, (boolean) getter.invokeExact(record));
        }
      } catch (Throwable e) {
        throw rethrow(e);
      }
    }

    @Override
    Object decode(ByteImage source, int at) {
      if (type == long.class) {
        return source.getLong(at);
      } else if (type == int.class) {
        return source.getInt(at);
      } else if (type == double.class) {
        return source.getDouble(at);
      } else if (type == float.class) {
        return source.getFloat(at);
      } else if (type == short.class) {
        return source.getShort(at);
      } else if (type == char.class) {
        return source.getChar(at);
      } else if (type == byte.class) {
        return source.getByte(at);
      }
      return source.getBoolean(at);
    }
  }

  /** An enum component as its ordinal, unsigned, in 1, 2 or 4 bytes by the number of constants. */
  private static final class EnumOrdinal extends Component {
    private final Object[] constants;
    private final MethodHandle getter;

    EnumOrdinal(String owner, String simpleName, int offset, Class<?> type, MethodHandle getter) {
      super(owner, simpleName, offset, ordinalSize(type.getEnumConstants().length));
      this.constants = type.getEnumConstants();
      this.getter = getter;
    }

    /**
     * The constants' names in ordinal order (what an ordinal means), and the ordinal's width; very
     * many names are summarised by their count and a hash of the list.
     */
    @Override
    String layout() {
      StringJoiner names = new StringJoiner(",", "enum{", "}");
      for (Object constant : constants) {
        names.add(((Enum<?>) constant).name());
      }
      String listed = names.toString();
      if (listed.length() > MAX_ENUM_LAYOUT) {
        listed = "enum{" + constants.length + " constants, hash "
            + Integer.toHexString(listed.hashCode()) + "}"; // String.hashCode: specified, stable
      }
      return listed + " u" + size * Byte.SIZE;
    }

    private static int ordinalSize(int constants) {
      return constants <= 0x100 ? 1 : constants <= 0x10000 ? 2 : 4;
    }

    @Override
    @SuppressWarnings("EnumOrdinal") // the documented layout stores the ordinal
    void encode(Object record, ByteImage target, int at) {
      Object value;
      try {
        value = (Object) getter.invokeExact(record);
      } catch (Throwable e) {
        throw rethrow(e);
      }
      if (value == null) {
        throw new NullPointerException("record component " + name + " is null");
      }
      int ordinal = ((Enum<?>) value).ordinal();
      if (size == 1) {
        target.putByte(at, (byte) ordinal);
      } else if (size == 2) {
        target.putChar(at, (char) ordinal);
      } else {
        target.putInt(at, ordinal);
      }
    }

    @Override
    Object decode(ByteImage source, int at) {
      long ordinal =
          size == 1 ? source.getByte(at) & 0xFF
              : size == 2 ? source.getChar(at)
              : source.getInt(at) & 0xFFFF_FFFFL;
      if (ordinal >= constants.length) {
        throw new IllegalStateException(
            "decoded ordinal " + ordinal + " of " + name + " is out of range (" + constants.length
                + " constants): the bytes are torn or not this codec's");
      }
      return constants[(int) ordinal];
    }
  }

  /** A nested record component, laid out by its own codec. */
  private static final class Nested extends Component {
    private final RecordCodec<?> codec;
    private final MethodHandle getter;

    Nested(String owner, String simpleName, int offset, RecordCodec<?> codec, MethodHandle getter) {
      super(owner, simpleName, offset, codec.byteSize);
      this.codec = codec;
      this.getter = getter;
    }

    @Override
    String layout() {
      return codec.layout();
    }

    @Override
    void encode(Object record, ByteImage target, int at) {
      Object value;
      try {
        value = (Object) getter.invokeExact(record);
      } catch (Throwable e) {
        throw rethrow(e);
      }
      if (value == null) {
        throw new NullPointerException("record component " + name + " is null");
      }
      codec.encodeChecked(value, target, at);
    }

    @Override
    Object decode(ByteImage source, int at) {
      return codec.decodeChecked(source, at);
    }
  }
}
