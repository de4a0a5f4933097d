using MandelPS.Engine.IO;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Problem;
using MandelPS.Engine.Shell;

namespace MandelPS.Engine.Tests.Shell;

/// <summary>The stable error ids the cmdlets put in FullyQualifiedErrorId (scripts match on them).</summary>
public sealed class ErrorClassificationTests
{
    [Fact]
    public void EngineFailures_MapToStableIdsAndCategories()
    {
        Assert.Equal(("UnknownKernel", "ObjectNotFound"), ErrorClassification.Classify(new UnknownKernelException("x", ["a"])));
        Assert.Equal(("KernelUnavailable", "NotEnabled"), ErrorClassification.Classify(new KernelUnavailableException("Gpu", "no OpenCL platform")));
        Assert.Equal(("InvalidRequest", "InvalidArgument"), ErrorClassification.Classify(new RequestValidationException("Width", "0 is outside")));
        Assert.Equal(("FileExists", "ResourceExists"), ErrorClassification.Classify(new FileExistsException("/tmp/a.png")));
        Assert.Equal(("WriteFailed", "WriteError"), ErrorClassification.Classify(new IOException("disk full")));
        Assert.Equal(("WriteFailed", "WriteError"), ErrorClassification.Classify(new UnauthorizedAccessException()));
    }

    [Fact]
    public void Categories_AreErrorCategoryMemberNames()
    {
        // The members of System.Management.Automation.ErrorCategory the classification may name.
        string[] known = ["ObjectNotFound", "NotEnabled", "InvalidArgument", "ResourceExists", "WriteError", "NotSpecified", "InvalidResult"];
        foreach (var error in new Exception[] { new UnknownKernelException("x", []), new KernelUnavailableException("k", "r"), new RequestValidationException("p", "q"), new FileExistsException("/x"), new IOException("disk"), new TimeoutException() })
        {
            Assert.Contains(ErrorClassification.Classify(error).Category, known);
        }
    }
}
