using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OssFunding.TestSupport.Receivers;

/// <summary>
/// A self-signed certificate for 127.0.0.1, so a loopback receiver can stand in for an https-only endpoint (Slack and
/// Discord webhooks). A worker process trusts it through <see cref="TrustFileFor"/>: a PEM file that, given to the
/// process as <c>SSL_CERT_FILE</c>, is the only trust store OpenSSL (and so .NET on Linux) uses there.
/// </summary>
public static class LoopbackCertificate
{
    public static X509Certificate2 Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Kestrel needs the key in a form the platform can use: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Writes the certificate as PEM into <paramref name="folder"/> and returns the file's path.</summary>
    public static string TrustFileFor(X509Certificate2 certificate, string folder)
    {
        var path = Path.Combine(folder, "loopback-ca.pem");
        File.WriteAllText(path, certificate.ExportCertificatePem());
        return path;
    }
}
