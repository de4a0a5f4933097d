using MandelPS.Engine.IO;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Shell;

/// <summary>
/// The stable error id and category for every engine failure, decided here (without PowerShell) so the
/// CLI, the cmdlets and the tests agree. Category names are System.Management.Automation.ErrorCategory
/// member names; cmdlets parse them.
/// </summary>
public static class ErrorClassification
{
    public const string UnknownKernel = nameof(UnknownKernel);
    public const string KernelUnavailable = nameof(KernelUnavailable);
    public const string InvalidRequest = nameof(InvalidRequest);
    public const string FileExists = nameof(FileExists);
    public const string WriteFailed = nameof(WriteFailed);
    public const string KernelFailedCheck = nameof(KernelFailedCheck);

    /// <summary>(ErrorId, ErrorCategory name) for an exception the engine throws.</summary>
    public static (string Id, string Category) Classify(Exception error) => error switch
    {
        UnknownKernelException => (UnknownKernel, "ObjectNotFound"),
        KernelUnavailableException => (KernelUnavailable, "NotEnabled"),
        RequestValidationException => (InvalidRequest, "InvalidArgument"),
        FileExistsException => (FileExists, "ResourceExists"),
        IOException or UnauthorizedAccessException => (WriteFailed, "WriteError"),
        _ => (error.GetType().Name, "NotSpecified"),
    };
}
