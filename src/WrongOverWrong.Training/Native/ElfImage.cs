using System.Buffers.Binary;
using System.Text;

namespace WrongOverWrong.Training.Native;

/// <summary>
/// A read-only view of a 64-bit little-endian ELF shared object: just enough to read its symbol
/// version requirements and definitions (.gnu.version_r, .gnu.version_d, .gnu.version), its dynamic
/// symbols and DT_NEEDED entries. Every offset is bounds-checked, so a truncated or foreign file
/// gives an <see cref="InvalidDataException"/> naming the file, never an out-of-range read.
/// </summary>
internal sealed class ElfImage
{
    private const uint ShtDynsym = 11;
    private const uint ShtDynamic = 6;
    private const uint ShtGnuVerdef = 0x6ffffffd;
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const uint ShtGnuVersym = 0x6fffffff;

    private readonly byte[] _bytes;
    private readonly Section[] _sections;

    private ElfImage(string path, byte[] bytes)
    {
        Path = path;
        _bytes = bytes;
        if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
        {
            throw Invalid("not an ELF file");
        }

        if (bytes[4] != 2 || bytes[5] != 1)
        {
            throw Invalid("only 64-bit little-endian ELF is supported");
        }

        var sectionOffset = ReadU64(0x28);
        var entrySize = ReadU16(0x3A);
        var count = ReadU16(0x3C);
        if (entrySize < 64)
        {
            throw Invalid($"section header entry size {entrySize} is too small");
        }

        _sections = new Section[count];
        for (var i = 0; i < count; i++)
        {
            var at = Checked(sectionOffset + ((ulong)i * entrySize), 64);
            _sections[i] = new Section(
                Type: ReadU32(at + 4),
                Offset: ReadU64(at + 0x18),
                Size: ReadU64(at + 0x20),
                Link: ReadU32(at + 0x28),
                Info: ReadU32(at + 0x2C),
                EntrySize: ReadU64(at + 0x38));
            Checked(_sections[i].Offset, _sections[i].Type == 8 /* NOBITS */ ? 0 : _sections[i].Size);
        }
    }

    /// <summary>The file this image was read from (used in error messages).</summary>
    public string Path { get; }

    /// <summary>The raw bytes; patches write into them before <see cref="Save"/>.</summary>
    public byte[] Bytes => _bytes;

    /// <summary>Reads an ELF file whole (shared objects of interest are a few MB).</summary>
    public static ElfImage Read(string path) => new(path, File.ReadAllBytes(path));

    /// <summary>Writes the (possibly patched) bytes to <paramref name="path"/>.</summary>
    public void Save(string path) => File.WriteAllBytes(path, _bytes);

    /// <summary>The DT_NEEDED library names, in order.</summary>
    public IReadOnlyList<string> NeededLibraries()
    {
        var result = new List<string>();
        foreach (var section in _sections.Where(s => s.Type == ShtDynamic))
        {
            var strtab = StringTable(section.Link);
            for (ulong at = 0; at + 16 <= section.Size; at += 16)
            {
                var tag = ReadU64(section.Offset + at);
                if (tag == 0)
                {
                    break;
                }

                if (tag == 1)
                {
                    result.Add(ReadString(strtab, ReadU64(section.Offset + at + 8)));
                }
            }
        }

        return result;
    }

    /// <summary>The version names this object defines (.gnu.version_d), for example GLIBCXX_3.4.30.</summary>
    public IReadOnlySet<string> DefinedVersions()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in _sections.Where(s => s.Type == ShtGnuVerdef))
        {
            var strtab = StringTable(section.Link);
            var at = section.Offset;
            for (var n = 0; n < 100_000; n++)
            {
                Checked(at, 20);
                var auxCount = ReadU16(at + 6);
                var aux = at + ReadU32(at + 12);
                for (var k = 0; k < auxCount; k++)
                {
                    Checked(aux, 8);
                    names.Add(ReadString(strtab, ReadU32(aux)));
                    var nextAux = ReadU32(aux + 4);
                    if (nextAux == 0)
                    {
                        break;
                    }

                    aux += nextAux;
                }

                var next = ReadU32(at + 16);
                if (next == 0)
                {
                    break;
                }

                at += next;
            }
        }

        return names;
    }

    /// <summary>Every version this object needs (.gnu.version_r), with the file offset of its flags field.</summary>
    public IReadOnlyList<VersionNeed> VersionNeeds()
    {
        var result = new List<VersionNeed>();
        foreach (var section in _sections.Where(s => s.Type == ShtGnuVerneed))
        {
            var strtab = StringTable(section.Link);
            var at = section.Offset;
            for (var n = 0; n < 100_000; n++)
            {
                Checked(at, 16);
                var auxCount = ReadU16(at + 2);
                var file = ReadString(strtab, ReadU32(at + 4));
                var aux = at + ReadU32(at + 8);
                for (var k = 0; k < auxCount; k++)
                {
                    Checked(aux, 16);
                    result.Add(new VersionNeed(
                        File: file,
                        Name: ReadString(strtab, ReadU32(aux + 8)),
                        Flags: ReadU16(aux + 4),
                        Index: (ushort)(ReadU16(aux + 6) & 0x7fff),
                        FlagsOffset: aux + 4));
                    var nextAux = ReadU32(aux + 12);
                    if (nextAux == 0)
                    {
                        break;
                    }

                    aux += nextAux;
                }

                var next = ReadU32(at + 12);
                if (next == 0)
                {
                    break;
                }

                at += next;
            }
        }

        return result;
    }

    /// <summary>The names of the dynamic symbols bound to version index <paramref name="versionIndex"/>.</summary>
    public IReadOnlyList<string> SymbolsWithVersion(ushort versionIndex)
    {
        var dynsymIndex = Array.FindIndex(_sections, s => s.Type == ShtDynsym);
        var versym = _sections.FirstOrDefault(s => s.Type == ShtGnuVersym);
        if (dynsymIndex < 0 || versym.Type != ShtGnuVersym)
        {
            return [];
        }

        var dynsym = _sections[dynsymIndex];
        var strtab = StringTable(dynsym.Link);
        var entrySize = dynsym.EntrySize == 0 ? 24UL : dynsym.EntrySize;
        var count = Math.Min(dynsym.Size / entrySize, versym.Size / 2);
        var names = new List<string>();
        for (ulong i = 0; i < count; i++)
        {
            if ((ReadU16(versym.Offset + (2 * i)) & 0x7fff) == versionIndex)
            {
                names.Add(ReadString(strtab, ReadU32(dynsym.Offset + (i * entrySize))));
            }
        }

        return names;
    }

    /// <summary>Writes a 16-bit little-endian value at a file offset.</summary>
    public void WriteU16(ulong offset, ushort value) =>
        BinaryPrimitives.WriteUInt16LittleEndian(_bytes.AsSpan((int)Checked(offset, 2), 2), value);

    private Section StringTable(uint index) =>
        index < _sections.Length ? _sections[index] : throw Invalid($"string table section {index} does not exist");

    private string ReadString(Section table, ulong offset)
    {
        if (offset >= table.Size)
        {
            throw Invalid($"string offset {offset} outside its table");
        }

        var start = (int)(table.Offset + offset);
        var end = Array.IndexOf(_bytes, (byte)0, start, (int)(table.Size - offset));
        if (end < 0)
        {
            throw Invalid("unterminated string");
        }

        return Encoding.ASCII.GetString(_bytes, start, end - start);
    }

    private ushort ReadU16(ulong at) => BinaryPrimitives.ReadUInt16LittleEndian(_bytes.AsSpan((int)Checked(at, 2), 2));

    private uint ReadU32(ulong at) => BinaryPrimitives.ReadUInt32LittleEndian(_bytes.AsSpan((int)Checked(at, 4), 4));

    private ulong ReadU64(ulong at) => BinaryPrimitives.ReadUInt64LittleEndian(_bytes.AsSpan((int)Checked(at, 8), 8));

    private ulong Checked(ulong offset, ulong length)
    {
        if (offset > (ulong)_bytes.Length || length > (ulong)_bytes.Length - offset)
        {
            throw Invalid($"offset {offset} (+{length}) lies outside the file ({_bytes.Length} bytes)");
        }

        return offset;
    }

    private InvalidDataException Invalid(string what) => new($"{Path}: {what}.");

    private readonly record struct Section(uint Type, ulong Offset, ulong Size, uint Link, uint Info, ulong EntrySize);
}

/// <summary>One Vernaux entry: a version of a symbol that <see cref="File"/> must provide.</summary>
/// <param name="File">The library the version is needed from (for example libstdc++.so.6).</param>
/// <param name="Name">The version name (for example GLIBCXX_3.4.32).</param>
/// <param name="Flags">vna_flags; 0x2 (VER_FLG_WEAK) makes a missing version a non-fatal condition.</param>
/// <param name="Index">vna_other: the index .gnu.version uses to bind symbols to this version.</param>
/// <param name="FlagsOffset">The file offset of vna_flags, where a patch writes.</param>
internal readonly record struct VersionNeed(string File, string Name, ushort Flags, ushort Index, ulong FlagsOffset);
