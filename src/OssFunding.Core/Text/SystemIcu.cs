using System.Runtime.InteropServices;
using System.Text;

namespace OssFunding.Core.Text;

/// <summary>
/// The system's ICU (libicuuc, libicui18n), loaded at first use, for what .NET cannot do with InvariantGlobalization
/// on: NFC normalisation, the UTS #39 confusable skeleton (<c>uspoof_getSkeleton</c>) and character names. No .NET
/// package keeps an up-to-date UTS #39 implementation (icu.net wraps no spoof checker, ICU4N is an alpha port of ICU
/// 60); ICU is what browsers and the OS use, with the confusable data of its Unicode version. ICU names its exports
/// after its major version (<c>uspoof_open_72</c>), so the loader probes the versions a distribution may ship.
/// The container image installs libicu (Dockerfile); without it every use throws <see cref="IcuUnavailableException"/>.
/// </summary>
internal static class SystemIcu
{
    private const int BufferOverflow = 15;
    private const int UnicodeCharName = 0;

    private static readonly Lazy<Functions> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr OpenFunction(ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate int NormalizeFunction(IntPtr normalizer, [In] char[] source, int length, [Out] char[] destination, int capacity, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate int SkeletonFunction(IntPtr checker, uint type, [In] char[] source, int length, [Out] char[] destination, int capacity, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int CharNameFunction(int codePoint, int choice, [Out] byte[] buffer, int capacity, ref int status);

    public static string Nfc(string text)
    {
        var icu = Loaded.Value;
        return Transform(text, "unorm2_normalize", (source, destination, ref status) =>
            icu.Normalize(icu.Nfc, source, source.Length, destination, destination.Length, ref status));
    }

    /// <summary>UTS #39 skeleton: two strings are confusable when their skeletons are equal.</summary>
    public static string Skeleton(string text)
    {
        var icu = Loaded.Value;
        return Transform(text, "uspoof_getSkeleton", (source, destination, ref status) =>
            icu.Skeleton(icu.SpoofChecker, 0, source, source.Length, destination, destination.Length, ref status));
    }

    /// <summary>The Unicode name, or null when the character has none (controls, unassigned code points).</summary>
    public static string? Name(int codePoint)
    {
        var icu = Loaded.Value;
        var buffer = new byte[128];
        var status = 0;
        var length = icu.CharName(codePoint, UnicodeCharName, buffer, buffer.Length, ref status);
        return status <= 0 && length > 0 ? Encoding.ASCII.GetString(buffer, 0, length) : null;
    }

    private delegate int Call(char[] source, char[] destination, ref int status);

    private static string Transform(string text, string function, Call call)
    {
        var source = text.ToCharArray();
        var destination = new char[Math.Max(16, text.Length * 4)];
        var status = 0;
        var length = call(source, destination, ref status);
        if (status == BufferOverflow)
        {
            destination = new char[length];
            status = 0;
            length = call(source, destination, ref status);
        }

        return status > 0 ? throw new IcuUnavailableException($"ICU {function} failed with error code {status}") : new string(destination, 0, length);
    }

    private static Functions Load()
    {
        foreach (var version in Enumerable.Range(50, 50).Reverse())
        {
            if (NativeLibrary.TryLoad($"libicuuc.so.{version}", out var common) && NativeLibrary.TryLoad($"libicui18n.so.{version}", out var i18n))
            {
                return new Functions(common, i18n, $"_{version}");
            }
        }

        if (NativeLibrary.TryLoad("libicuuc.so", out var plainCommon) && NativeLibrary.TryLoad("libicui18n.so", out var plainI18n))
        {
            return new Functions(plainCommon, plainI18n, "");
        }

        throw new IcuUnavailableException("the system ICU library (libicuuc/libicui18n, Debian package libicu72 or later) is not installed");
    }

    private sealed class Functions
    {
        public Functions(IntPtr common, IntPtr i18n, string suffix)
        {
            T Find<T>(IntPtr library, string name) where T : Delegate =>
                NativeLibrary.TryGetExport(library, name + suffix, out var address) || NativeLibrary.TryGetExport(library, name, out address)
                    ? Marshal.GetDelegateForFunctionPointer<T>(address)
                    : throw new IcuUnavailableException($"the system ICU library has no {name}{suffix}");

            Normalize = Find<NormalizeFunction>(common, "unorm2_normalize");
            CharName = Find<CharNameFunction>(common, "u_charName");
            Skeleton = Find<SkeletonFunction>(i18n, "uspoof_getSkeleton");
            Nfc = Open(Find<OpenFunction>(common, "unorm2_getNFCInstance"), "unorm2_getNFCInstance");
            // The checker is opened once and never closed: getSkeleton only reads it, which ICU allows from any thread.
            SpoofChecker = Open(Find<OpenFunction>(i18n, "uspoof_open"), "uspoof_open");
        }

        public NormalizeFunction Normalize { get; }

        public SkeletonFunction Skeleton { get; }

        public CharNameFunction CharName { get; }

        public IntPtr Nfc { get; }

        public IntPtr SpoofChecker { get; }

        private static IntPtr Open(OpenFunction open, string name)
        {
            var status = 0;
            var handle = open(ref status);
            return status > 0 || handle == IntPtr.Zero ? throw new IcuUnavailableException($"ICU {name} failed with error code {status}") : handle;
        }
    }
}

/// <summary>The system ICU library is missing or did not answer; the message says which.</summary>
public sealed class IcuUnavailableException(string message) : Exception($"Unicode checks need {message}.");
