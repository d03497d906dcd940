terraform {
  required_version = ">= 1.9.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.70, < 7.0"
    }
    random = {
      source  = "hashicorp/random"
      version = ">= 3.6, < 4.0"
    }
  }

  # Local state by default. The state holds the generated secrets (create_secrets = true): for a shared
  # deployment keep it in an encrypted S3 bucket instead, e.g. backend.tf with
  #   terraform { backend "s3" { bucket = "..." key = "chat/prod.tfstate" region = "us-east-1" encrypt = true use_lockfile = true } }
}

provider "aws" {
  region = var.region
}
